using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Portal;

/// <summary>The usage page: the period's calls the filter admits, newest first, at most <see cref="CustomerPortal.UsageRows"/> of them.</summary>
/// <param name="Matching">How many calls the filter admits in all; more than <paramref name="Calls"/> holds when the list was cut.</param>
/// <param name="Numbers">The customer numbers with usage in the period, for the filter's choices.</param>
public sealed record PortalUsage(BillingPeriod Period, UsageFilter Filter, IReadOnlyList<RatedUsage> Calls, int Matching, IReadOnlyList<string> Numbers);
