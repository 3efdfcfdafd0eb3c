using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>One call after bundles: how many of its billable seconds were included, and what the rest costs.</summary>
/// <param name="Bundle">The bundle covering the call, also once it is spent (its overage price still applies); null when none covers it.</param>
/// <param name="IncludedSeconds">Seconds drawn from <paramref name="Bundle"/>.</param>
/// <param name="ChargedSeconds">Billable seconds not covered by a bundle (<c>IncludedSeconds + ChargedSeconds = BillableSeconds</c>).</param>
/// <param name="ChargedAmount">The call's price for its charged seconds (unrounded).</param>
public sealed record DrawnCall(RatedUsage Usage, Bundle? Bundle, int IncludedSeconds, int ChargedSeconds, decimal ChargedAmount);
