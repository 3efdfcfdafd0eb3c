using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>One row of a rate deck: a per-minute price and the rules for one kind of call.</summary>
/// <remarks>
/// A row matches a call when every key it sets matches; an unset key (null) matches anything. Among matching rows
/// the longest <see cref="Prefix"/> wins (E.164 digits without "+": "1" &lt; "1800" and "44" &lt; "447"), then the row
/// that sets more keys. The rated number is the called party (<c>to</c>) in both directions: for outbound calls
/// the destination, for inbound calls the customer's own number (so toll-free inbound can cost more).
/// </remarks>
/// <param name="Direction">Inbound or outbound; null matches both.</param>
/// <param name="PerMinute">Price per billable minute (unrounded; sub-cent prices are common).</param>
/// <param name="Increment">Rounding of call time, first/next seconds.</param>
/// <param name="ConnectFee">Added once to every connected call.</param>
/// <param name="AttemptCharge">Charged for a call that never connected or lasted zero seconds (usually zero).</param>
/// <param name="NumberType">Type of the rated number (local, toll-free, mobile); null matches any.</param>
/// <param name="Prefix">Leading digits of the rated number in E.164 without "+"; null matches any.</param>
/// <param name="Band">Name of a time band of the plan version; null matches any time.</param>
/// <param name="MinimumSeconds">Shortest billable time of a connected call.</param>
/// <param name="MinimumCharge">Least a connected call costs.</param>
/// <param name="MaximumCharge">Most a call costs (a cap); null for none.</param>
/// <param name="Steps">Later prices by elapsed call time, e.g. after 60 s a lower price; ordered by <see cref="RateStep.AfterSeconds"/>.</param>
/// <param name="IncrementStages">Later step sizes of <paramref name="Increment"/> by billed time, e.g. 10 s steps after 60 s; ordered by <see cref="IncrementStage.AfterSeconds"/>.</param>
public sealed record UsageRate(
    UsageComponent Component,
    CallDirection? Direction,
    decimal PerMinute,
    BillingIncrement Increment,
    decimal ConnectFee = 0m,
    decimal AttemptCharge = 0m,
    NumberType? NumberType = null,
    string? Prefix = null,
    string? Band = null,
    int MinimumSeconds = 0,
    decimal MinimumCharge = 0m,
    decimal? MaximumCharge = null,
    IReadOnlyList<RateStep>? Steps = null,
    IReadOnlyList<IncrementStage>? IncrementStages = null)
{
    /// <summary>The billable seconds of a connected call of <paramref name="durationSeconds"/>: the increment and its stages, at least <see cref="MinimumSeconds"/>.</summary>
    public int BillableSeconds(int durationSeconds) => Math.Max(Increment.BillableSeconds(durationSeconds, IncrementStages), MinimumSeconds);

    /// <summary>How many keys beyond the prefix the row sets: a tie-breaker between rows with equally long prefixes.</summary>
    internal int Specificity => (Direction is null ? 0 : 1) + (NumberType is null ? 0 : 1) + (Band is null ? 0 : 1);

    /// <summary>The per-minute price at <paramref name="elapsedSeconds"/> into the call.</summary>
    public decimal PerMinuteAt(int elapsedSeconds)
    {
        var price = PerMinute;
        if (Steps is null)
        {
            return price;
        }

        foreach (var step in Steps)
        {
            if (elapsedSeconds >= step.AfterSeconds)
            {
                price = step.PerMinute;
            }
        }

        return price;
    }

    public string Describe() =>
        string.Join(' ', new[] { Component.ToString(), Direction?.ToString(), NumberType?.ToString(), Prefix is null ? null : "+" + Prefix, Band }
            .Where(part => part is not null));
}
