namespace ServerlessBilling.Tax;

/// <summary>The taxes of one invoice, and what the engine could not or did not tax.</summary>
public sealed record TaxResult(IReadOnlyList<TaxLine> Lines, IReadOnlyList<TaxNotice> Notices)
{
    /// <summary>Each taxable charge's Form 499-A category and jurisdictional split, for the revenue worksheet.</summary>
    public IReadOnlyList<TaxedRevenue> Revenue { get; init; } = [];

    public Money Total(string currency) => Lines.Aggregate(Money.Zero(currency), (sum, line) => sum + line.Amount);
}
