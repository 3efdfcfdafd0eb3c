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
/// <see cref="SetAsync(string, ReadOnlyMemory{byte}, string, CancellationToken)"/> are validated with every other document first, and a blob written around the API is
/// reported in <see cref="ListAsync"/> while the previous table (or the shipped one) stays in force.
/// </remarks>
public sealed class BlobTaxTables(BlobServiceClient blobs, TaxTableOptions options, TimeProvider time) : ITaxTableStore
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

    /// <summary>The document of that name with its version: the stored blob's (a digest of its ETag), or
    /// <see cref="ShippedVersion"/> for a document only shipped with the product; null when there is neither.</summary>
    public async Task<VersionedTaxDocument?> FindVersionedAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var downloaded = (await container.GetBlobClient(BlobName(name)).DownloadContentAsync(cancellationToken)).Value;
            return new VersionedTaxDocument(downloaded.Content.ToMemory(), RowVersions.Of(downloaded.Details.ETag));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return Shipped.FirstOrDefault(d => d.Name == name) is { } shipped ? new VersionedTaxDocument(shipped.Content, ShippedVersion) : null;
        }
    }

    /// <summary>The version of a document no upload has replaced yet.</summary>
    public const string ShippedVersion = VersionedTaxDocument.ShippedVersion;

    /// <summary>Validates the document with every other one in force and stores it; throws <see cref="InvalidTaxTableException"/> naming each rule at fault, leaving storage unchanged.</summary>
    public async Task<TaxTable> SetAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        (await SetAsync(name, content, null, cancellationToken)).Value.Table;

    /// <inheritdoc/>
    public async Task<Outcome<TaxTableWrite>> SetAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"Tax table name '{name}' must be lower-case letters, digits and dashes.", nameof(name));
        }

        var blob = container.GetBlobClient(BlobName(name));
        BlobRequestConditions? conditions = null;
        if (expectedVersion is not null)
        {
            ETag? stored = null;
            try
            {
                stored = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not uploaded: only the shipped document, if any, can be at the expected version.
            }

            var shipped = Shipped.Any(d => d.Name == name);
            var admitted = stored is { } etag
                ? expectedVersion == "*" || expectedVersion == RowVersions.Of(etag)
                : shipped && expectedVersion is "*" or ShippedVersion;
            if (!admitted)
            {
                return Stale(name, expectedVersion);
            }

            // The write lands only if nobody uploaded the document since it was read.
            conditions = stored is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        }

        var inForce = await ReadStoredAsync(cancellationToken);
        var others = inForce.Select(d => d.Document).Where(d => d.Name != name);
        var table = TaxTableLoader.Load(TaxTableLoader.Overlay(Shipped, [.. others, new NamedTaxDocument(name, content)]));
        try
        {
            var written = await blob.UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = conditions },
                cancellationToken);
            current = null;
            return new TaxTableWrite(table, RowVersions.Of(written.Value.ETag));
        }
        catch (RequestFailedException e) when (conditions is not null && e.Status is 409 or 412)
        {
            return Stale(name, expectedVersion!);
        }
    }

    private static Problem Stale(string name, string expectedVersion) =>
        Problem.Stale($"Tax table '{name}' is not at version {expectedVersion}: read it again and reapply the change");

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
