namespace ServerlessBilling.Tax;

/// <summary>The provider's inputs to the de minimis computation: an override, a projection and the year's factor.</summary>
/// <param name="Override"><c>Tax:DeMinimis</c>: true or false wins over the computation; null lets the computation decide.</param>
/// <param name="ProjectedRevenue">The year's projected interstate + international end-user telecom revenue (USD, e.g. the 499-Q
/// projections); null to annualize the ledger's year to date.</param>
/// <param name="Factor">The estimation factor of the year's Form 499-A instructions (Appendix A); null to use <see cref="DeMinimisStatus.KnownFactors"/>,
/// then the year's quarterly USF factors.</param>
public sealed record DeMinimisOptions(bool? Override = null, decimal? ProjectedRevenue = null, decimal? Factor = null)
{
    public static DeMinimisOptions Default { get; } = new();
}
