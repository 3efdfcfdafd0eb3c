using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Api;

/// <summary>A tax table document taken into force: what it holds, and how many held closes it woke.</summary>
/// <param name="Rules">The rules of this document (not of every table in force, which other uploads change meanwhile).</param>
/// <param name="Jurisdictions">The jurisdictions this document's rules tax.</param>
/// <param name="ClosesWoken">The closes held for missing tax data that the upload woke, to draft again.</param>
public sealed record TaxTableAccepted(string Name, int Rules, int Jurisdictions, int ClosesWoken)
{
    /// <summary>What the document named <paramref name="name"/> contributes to <paramref name="inForce"/>, the tables in force with it.</summary>
    public static TaxTableAccepted Of(string name, TaxTable inForce, int closesWoken)
    {
        var rules = inForce.Rules.Where(r => r.Table == name).ToList();
        return new TaxTableAccepted(name, rules.Count, rules.Select(r => r.Jurisdiction).Distinct(StringComparer.Ordinal).Count(), closesWoken);
    }
}
