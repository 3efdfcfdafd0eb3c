using System.Text.Json;

namespace ServerlessBilling.Tax;

/// <summary>Reads tax tables from JSON documents (files shipped in <c>Tax/Data</c>, or blobs an operator uploads) and validates them together.</summary>
/// <remarks>
/// Every document is read from a <see cref="Stream"/>, so the source can be an embedded file, a blob or a table
/// export. Documents are merged before validation: a rule key defined in two documents is rejected as an overlap.
/// </remarks>
public static class TaxTableLoader
{
    private const string BundledPrefix = "ServerlessBilling.Tax.Data.";

    /// <summary>Loads one document; throws <see cref="InvalidTaxTableException"/> when it is malformed or fails validation.</summary>
    public static TaxTable Load(Stream document) => Load([document]);

    /// <summary>Loads and merges several documents (e.g. federal plus one per state).</summary>
    public static TaxTable Load(IReadOnlyList<Stream> documents) =>
        Load(documents.Select((stream, i) => new NamedTaxDocument($"document {i + 1}", ReadAll(stream))).ToList());

    /// <summary>Loads and merges named documents; a malformed one is reported by its name.</summary>
    public static TaxTable Load(IReadOnlyList<NamedTaxDocument> documents) =>
        Merge(documents.Select(d => (d.Name, Document: Read(d.Content, d.Name))).ToList());

    /// <summary>The tables shipped with the product (embedded from <c>Tax/Data/*.json</c>).</summary>
    public static TaxTable LoadBundled() => Load(BundledDocuments());

    /// <summary>The documents shipped with the product, named by file (<c>federal</c>, <c>ca</c> ...), in name order.</summary>
    public static IReadOnlyList<NamedTaxDocument> BundledDocuments()
    {
        var assembly = typeof(TaxTableLoader).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(BundledPrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n =>
                {
                    using var stream = assembly.GetManifestResourceStream(n)!;
                    return new NamedTaxDocument(n[BundledPrefix.Length..^".json".Length], ReadAll(stream));
                }),
        ];
    }

    /// <summary>The shipped documents with each stored one replacing the shipped document of its name, or added when the name is new.</summary>
    public static IReadOnlyList<NamedTaxDocument> Overlay(IReadOnlyList<NamedTaxDocument> shipped, IReadOnlyList<NamedTaxDocument> stored)
    {
        var byName = shipped.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var document in stored)
        {
            byName[document.Name] = document;
        }

        return [.. byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>Reads one document without validating it against the others; throws <see cref="InvalidTaxTableException"/> when it is not a tax table.</summary>
    public static TaxTableDocument Parse(NamedTaxDocument document) => Read(document.Content, document.Name);

    private static TaxTable Merge(IReadOnlyList<(string Name, TaxTableDocument Document)> documents) =>
        TaxTable.Create(
            [.. documents.SelectMany(d => d.Document.Jurisdictions ?? [])],
            [.. documents.SelectMany(d => (d.Document.Rules ?? []).Select(r => r.ToRule() with { Table = d.Name }))]);

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static TaxTableDocument Read(ReadOnlyMemory<byte> content, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<TaxTableDocument>(content.Span, BillingJson.Options)
                ?? throw new InvalidTaxTableException([$"{name}: is empty"]);
        }
        catch (JsonException error)
        {
            throw new InvalidTaxTableException([$"{name}: not a tax table at {error.Path}: {error.Message}"]);
        }
    }
}
