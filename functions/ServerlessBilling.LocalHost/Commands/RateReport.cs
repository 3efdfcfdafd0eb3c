using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>rate --json</c>: each call's price and how it was reached, the lines that could not be read, and the totals.</summary>
public sealed record RateReport(string Plan, string Currency, string Zone, IReadOnlyList<RateReport.Call> Calls, IReadOnlyList<BadLine> BadLines, RateTotals Totals, string Note)
{
    public static RateReport Of(OfflineInput input, IReadOnlyList<RatedCall> calls, RateTotals totals) => new(
        input.Plan.Id,
        input.Plan.Currency,
        input.Zone.Id,
        calls.Select(c => new Call(
            c.Event.EventId, c.Event.StartedAt, c.Event.Direction, c.Event.From, c.Event.To, c.Event.Component, c.Event.DurationSeconds,
            c.Charge?.BillableSeconds, c.Charge?.Rate, c.Charge?.Band, c.Charge?.PlanVersion, c.Charge?.UnitPrice, c.Charge?.Amount.Amount,
            c.Event.UpstreamCost?.Amount, c.Margin?.Amount, c.Problem?.ToString())).ToList(),
        BadLine.Of(input),
        totals,
        RateCommand.PerCallNote);

    /// <summary>One priced (or unpriced) call; amounts are exact, at the plan's per-call precision.</summary>
    public sealed record Call(
        string EventId, Instant StartedAt, CallDirection Direction, string From, string To, UsageComponent Component, int Seconds,
        int? BillableSeconds, string? Rate, string? Band, string? PlanVersion, decimal? UnitPrice, decimal? Amount, decimal? UpstreamCost, decimal? Margin,
        string? Problem);
}
