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
    public static TaxTable Load(IReadOnlyList<Stream> documents)
    {
        var jurisdictions = new List<TaxJurisdiction>();
        var rules = new List<TaxRule>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = Read(documents[i], $"document {i + 1}");
            jurisdictions.AddRange(document.Jurisdictions ?? []);
            rules.AddRange((document.Rules ?? []).Select(r => r.ToRule()));
        }

        return TaxTable.Create(jurisdictions, rules);
    }

    /// <summary>The tables shipped with the product (embedded from <c>Tax/Data/*.json</c>).</summary>
    public static TaxTable LoadBundled()
    {
        var assembly = typeof(TaxTableLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(BundledPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var streams = names.Select(n => assembly.GetManifestResourceStream(n)!).ToList();
        try
        {
            return Load(streams);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    private static TaxTableDocument Read(Stream stream, string name)
    {
        try
        {
            return JsonSerializer.Deserialize<TaxTableDocument>(stream, BillingJson.Options)
                ?? throw new InvalidTaxTableException([$"{name}: is empty"]);
        }
        catch (JsonException error)
        {
            throw new InvalidTaxTableException([$"{name}: not a tax table at {error.Path}: {error.Message}"]);
        }
    }
}

/// <summary>The JSON shape of a tax table document.</summary>
public sealed record TaxTableDocument(string? Description, IReadOnlyList<TaxJurisdiction>? Jurisdictions, IReadOnlyList<TaxRuleDocument>? Rules);

/// <summary>The JSON shape of one rule; omitted lists mean "none" and an omitted order means 100.</summary>
public sealed record TaxRuleDocument(
    string Key,
    string Jurisdiction,
    TaxKind Kind,
    string Label,
    TaxBasis Basis,
    IReadOnlyList<ProductCategory>? AppliesTo,
    IReadOnlyList<CustomerType>? CustomerTypes,
    RevenuePortion Portion,
    LineUnit? LineUnit,
    int? Order,
    IReadOnlyList<string>? BaseIncludes,
    bool ResaleExempt,
    bool Optional,
    IReadOnlyList<TaxRuleVersion>? Versions)
{
    public TaxRule ToRule() => new(
        Key, Jurisdiction, Kind, Label, Basis, AppliesTo ?? [], CustomerTypes ?? [], Portion, LineUnit, Order ?? 100,
        BaseIncludes ?? [], ResaleExempt, Optional, Versions ?? []);
}
