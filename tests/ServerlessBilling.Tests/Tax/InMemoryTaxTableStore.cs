using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>Tax table documents in memory over the shipped ones, as <c>BlobTaxTables</c> keeps them in a container: each upload
/// validated with every other document in force, under a version that moves with each write.</summary>
public sealed class InMemoryTaxTableStore : ITaxTableStore
{
    private static readonly IReadOnlyList<NamedTaxDocument> Shipped = TaxTableLoader.BundledDocuments();
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, (NamedTaxDocument Document, string Version)> stored = new(StringComparer.Ordinal);
    private TaxTable current = TaxTableLoader.Load(Shipped);
    private int writes;

    public ValueTask<TaxTable> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(current);
        }
    }

    public Task<TaxTableListing> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var documents = Shipped.Where(s => !stored.ContainsKey(s.Name)).Select(s => Describe(s, "shipped", null))
                .Concat(stored.Values.Select(d => Describe(d.Document, "stored", d.Version)))
                .OrderBy(d => d.Name, StringComparer.Ordinal);
            return Task.FromResult(new TaxTableListing([.. documents], null));
        }
    }

    public async Task<ReadOnlyMemory<byte>?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await FindVersionedAsync(name, cancellationToken))?.Content;

    public Task<VersionedTaxDocument?> FindVersionedAsync(string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(stored.TryGetValue(name, out var found)
                ? new VersionedTaxDocument(found.Document.Content, found.Version)
                : Shipped.FirstOrDefault(d => d.Name == name) is { } shipped ? new VersionedTaxDocument(shipped.Content, VersionedTaxDocument.ShippedVersion) : null);
        }
    }

    public Task<Outcome<TaxTableWrite>> SetAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (!IdRule.DocumentName.Accepts(name))
        {
            throw new ArgumentException($"Tax table name '{name}' must be lower-case letters, digits and dashes.", nameof(name));
        }

        lock (gate)
        {
            var version = stored.TryGetValue(name, out var found) ? found.Version : Shipped.Any(d => d.Name == name) ? VersionedTaxDocument.ShippedVersion : null;
            if (expectedVersion is not null && (version is null || (expectedVersion != "*" && expectedVersion != version)))
            {
                return Task.FromResult<Outcome<TaxTableWrite>>(Problem.Stale($"Tax table '{name}' is not at version {expectedVersion}: read it again and reapply the change"));
            }

            // A copy: the caller may reuse its buffer, and a stored blob would not change with it either.
            var document = new NamedTaxDocument(name, content.ToArray());
            var table = TaxTableLoader.Load(TaxTableLoader.Overlay(Shipped, [.. stored.Values.Select(d => d.Document).Where(d => d.Name != name), document]));
            var written = $"v{++writes}";
            stored[name] = (document, written);
            current = table;
            return Task.FromResult<Outcome<TaxTableWrite>>(new TaxTableWrite(table, written));
        }
    }

    private static TaxTableDocumentInfo Describe(NamedTaxDocument document, string origin, string? version)
    {
        var parsed = TaxTableLoader.Parse(document);
        return new TaxTableDocumentInfo(document.Name, origin, parsed.Description, [.. (parsed.Rules ?? []).Select(r => r.Key)], version, version is null ? null : DateTimeOffset.UnixEpoch);
    }
}
