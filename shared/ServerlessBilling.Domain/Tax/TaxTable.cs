using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>The jurisdictions and dated rules the engine calculates with; built only through <see cref="Create"/>, which validates them.</summary>
public sealed class TaxTable
{
    private readonly Dictionary<string, TaxJurisdiction> jurisdictions;

    private TaxTable(IReadOnlyList<TaxJurisdiction> jurisdictions, IReadOnlyList<TaxRule> rules)
    {
        this.jurisdictions = jurisdictions.ToDictionary(j => j.Code, StringComparer.Ordinal);
        Rules = [.. rules.OrderBy(r => r.Order).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>Rules in calculation order.</summary>
    public IReadOnlyList<TaxRule> Rules { get; }

    public IReadOnlyCollection<TaxJurisdiction> Jurisdictions => jurisdictions.Values;

    public TaxJurisdiction Jurisdiction(string code) => jurisdictions[code];

    /// <summary>Validates and builds a table; throws <see cref="InvalidTaxTableException"/> listing every problem, each naming its rule.</summary>
    public static TaxTable Create(IReadOnlyList<TaxJurisdiction> jurisdictions, IReadOnlyList<TaxRule> rules)
    {
        var problems = TaxTableValidator.Validate(jurisdictions, rules);
        return problems.Count == 0 ? new TaxTable(jurisdictions, rules) : throw new InvalidTaxTableException(problems);
    }

    /// <summary>The first day no version of <paramref name="rule"/> covers any more, or null when its latest version is open-ended.</summary>
    public static LocalDate? CoveredUntil(TaxRule rule) => rule.Versions.MaxBy(v => v.From)?.Until;
}
