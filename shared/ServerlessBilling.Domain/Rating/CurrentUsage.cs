using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Rating;

/// <summary>An account's usage in its open period so far: per component, per number and per agent, with the period's total.</summary>
/// <param name="Currency">The currency of every <see cref="UsageTotal.Amount"/>.</param>
/// <param name="AsOf">When it was read; calls rated later are not counted.</param>
/// <param name="ByComponent">One entry per component used, in the component's order.</param>
/// <param name="ByNumber">One entry per customer number (the called number of an inbound call, the caller of an outbound one), in number order.</param>
/// <param name="ByAgent">One entry per vendor agent that handled calls, in agent id order; calls without an agent are in no entry.</param>
/// <remarks>The account's own usage only: a parent's locations have usage of their own (the upcoming invoice consolidates them).</remarks>
public sealed record CurrentUsage(
    string AccountId,
    BillingPeriod Period,
    Instant AsOf,
    string Currency,
    IReadOnlyList<UsageTotal> ByComponent,
    IReadOnlyList<UsageTotal> ByNumber,
    IReadOnlyList<UsageTotal> ByAgent,
    UsageTotal Total)
{
    /// <summary>The report over <paramref name="usage"/>, the period's rated calls.</summary>
    public static CurrentUsage Build(string accountId, BillingPeriod period, Instant asOf, string currency, IReadOnlyList<RatedUsage> usage) => new(
        accountId,
        period,
        asOf,
        currency,
        [.. usage.GroupBy(u => u.Event.Component).OrderBy(g => g.Key).Select(g => UsageTotal.Of(g.Key.ToString(), g))],
        [.. usage.GroupBy(u => u.Event.CustomerNumber, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => UsageTotal.Of(g.Key, g))],
        [.. usage.Where(u => u.Event.AgentId is not null).GroupBy(u => u.Event.AgentId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => UsageTotal.Of(g.Key, g))],
        UsageTotal.Of("total", usage));
}
