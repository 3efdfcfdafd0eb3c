using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Storage;

/// <summary>Tax tables from the <c>tax-tables</c> container (<c>{name}.json</c>) laid over the documents shipped with the product.</summary>
/// <remarks>
/// A stored document replaces the shipped one of the same name (<c>federal</c> for new USF quarters) or adds a new
/// one (<c>or</c> for Oregon). The table is cached and the container listed again at most every
/// <see cref="TaxTableOptions.RefreshInterval"/>; it is reloaded only when a blob's ETag changed, so each instance
/// picks up an operator's upload within the interval without a restart (and at once on the instance that took
/// the upload). A set of documents that fails validation never replaces the table in use: uploads through
/// <see cref="SetAsync"/> are validated with every other document first, and a blob written around the API is
/// reported in <see cref="ListAsync"/> while the previous table (or the shipped one) stays in force.
/// </remarks>
public sealed class BlobTaxTables(BlobServiceClient blobs, TaxTableOptions options, TimeProvider time) : ITaxTables
{
    private static readonly IReadOnlyList<NamedTaxDocument> Shipped = TaxTableLoader.BundledDocuments();
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer);
    private readonly SemaphoreSlim reloading = new(1, 1);
    private volatile Snapshot? current;

    private sealed record Snapshot(TaxTable Table, string Fingerprint, long CheckedAt, string? Rejected);

    private sealed record StoredDocument(NamedTaxDocument Document, ETag ETag, DateTimeOffset LastModified);

    /// <summary>Lower-case letters, digits and dashes: the name is the blob's and a URL segment.</summary>
    public static bool IsValidName(string name) => IdRule.DocumentName.Accepts(name);

    public async ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken) => (await SnapshotAsync(cancellationToken)).Table;

    public async Task<TaxTableListing> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var stored = await ReadStoredAsync(cancellationToken);
        var documents = Shipped.Where(s => stored.All(d => d.Document.Name != s.Name))
            .Select(s => Describe(s, "shipped", null, null))
            .Concat(stored.Select(d => Describe(d.Document, "stored", d.ETag.ToString(), d.LastModified)))
            .OrderBy(d => d.Name, StringComparer.Ordinal);
        return new TaxTableListing([.. documents], snapshot.Rejected);
    }

    /// <summary>The stored document of that name, else the shipped one, else null.</summary>
    public async Task<ReadOnlyMemory<byte>?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(BlobName(name)).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return Shipped.FirstOrDefault(d => d.Name == name)?.Content;
        }
    }

    /// <summary>Validates the document with every other one in force and stores it; throws <see cref="InvalidTaxTableException"/> naming each rule at fault, leaving storage unchanged.</summary>
    public async Task<TaxTable> SetAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"Tax table name '{name}' must be lower-case letters, digits and dashes.", nameof(name));
        }

        var stored = await ReadStoredAsync(cancellationToken);
        var others = stored.Select(d => d.Document).Where(d => d.Name != name);
        var table = TaxTableLoader.Load(TaxTableLoader.Overlay(Shipped, [.. others, new NamedTaxDocument(name, content)]));
        await container.GetBlobClient(BlobName(name)).UploadAsync(
            BinaryData.FromBytes(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        current = null;
        return table;
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Fresh(current) is { } fresh)
        {
            return fresh;
        }

        await reloading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(current) is { } reloaded)
            {
                return reloaded;
            }

            var next = await ReloadAsync(current, cancellationToken);
            current = next;
            return next;
        }
        finally
        {
            reloading.Release();
        }
    }

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && time.GetElapsedTime(snapshot.CheckedAt) < options.RefreshInterval ? snapshot : null;

    private async Task<Snapshot> ReloadAsync(Snapshot? previous, CancellationToken cancellationToken)
    {
        // Listing is one call; documents are downloaded only when an ETag changed.
        var listed = await ListStoredAsync(cancellationToken);
        var fingerprint = string.Join('|', listed.Select(b => $"{b.Name}@{b.Properties.ETag}"));
        var now = time.GetTimestamp();
        if (previous is not null && previous.Fingerprint == fingerprint)
        {
            return previous with { CheckedAt = now };
        }

        var stored = await DownloadAsync(listed, cancellationToken);
        try
        {
            return new Snapshot(TaxTableLoader.Load(TaxTableLoader.Overlay(Shipped, [.. stored.Select(d => d.Document)])), fingerprint, now, null);
        }
        catch (InvalidTaxTableException rejected)
        {
            // Never bill from a table with gaps or overlaps: keep what was in force, or the shipped table at start.
            var table = previous?.Table ?? TaxTableLoader.Load(Shipped);
            return new Snapshot(table, fingerprint, now, rejected.Message);
        }
    }

    private async Task<IReadOnlyList<StoredDocument>> ReadStoredAsync(CancellationToken cancellationToken) =>
        await DownloadAsync(await ListStoredAsync(cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<BlobItem>> ListStoredAsync(CancellationToken cancellationToken)
    {
        var blobItems = new List<BlobItem>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Name.EndsWith(".json", StringComparison.Ordinal) && IsValidName(DocumentName(blob.Name)))
                {
                    blobItems.Add(blob);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: only the shipped tables.
        }

        return [.. blobItems.OrderBy(b => b.Name, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<StoredDocument>> DownloadAsync(IReadOnlyList<BlobItem> listed, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        foreach (var blob in listed)
        {
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            documents.Add(new StoredDocument(
                new NamedTaxDocument(DocumentName(blob.Name), content.Value.Content.ToMemory()), content.Value.Details.ETag, content.Value.Details.LastModified));
        }

        return documents;
    }

    private static TaxTableDocumentInfo Describe(NamedTaxDocument document, string origin, string? etag, DateTimeOffset? lastModified)
    {
        try
        {
            var parsed = TaxTableLoader.Parse(document);
            return new TaxTableDocumentInfo(document.Name, origin, parsed.Description, [.. (parsed.Rules ?? []).Select(r => r.Key)], etag, lastModified);
        }
        catch (InvalidTaxTableException e)
        {
            return new TaxTableDocumentInfo(document.Name, origin, e.Message, [], etag, lastModified);
        }
    }

    private static string BlobName(string name) => name + ".json";

    private static string DocumentName(string blobName) => blobName[..^".json".Length];
}
