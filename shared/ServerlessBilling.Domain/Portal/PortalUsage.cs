using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Portal;

/// <summary>The usage page: one page of the period's calls the filter admits, newest first, at most <see cref="CustomerPortal.UsageRows"/> of them.</summary>
/// <param name="Matching">How many calls the filter admits in all, on every page.</param>
/// <param name="Skipped">How many of them come before this page.</param>
/// <param name="Numbers">The customer numbers with usage in the period, for the filter's choices.</param>
/// <param name="Agents">The agent ids with usage in the period, for the filter's choices.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record PortalUsage(
    BillingPeriod Period, UsageFilter Filter, IReadOnlyList<RatedUsage> Calls, int Matching, IReadOnlyList<string> Numbers,
    IReadOnlyList<string> Agents, int Skipped = 0, UsageCursor? Next = null);
