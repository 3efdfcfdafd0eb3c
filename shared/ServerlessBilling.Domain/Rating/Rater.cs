using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Prices one usage event. A pure function of the event, the plan and the account's zone, so it can run in any order, be retried and be redone.</summary>
public static class Rater
{
    /// <remarks>
    /// amount = billable seconds / 60 × per-minute price + connect fee, rounded once to the plan's per-call
    /// decimals with its named mode. An unanswered call costs the attempt charge and no time.
    /// </remarks>
    public static RatingOutcome Rate(UsageEvent usage, PricePlan plan, DateTimeZone zone)
    {
        var localStart = usage.StartedAt.InZone(zone).Date;
        var version = plan.VersionOn(localStart);
        if (version is null)
        {
            return RatingOutcome.Unpriced("startedAt", $"plan '{plan.Id}' has no version in force on {localStart:yyyy-MM-dd}");
        }

        var rate = version.FindRate(usage.Component, usage.Direction);
        if (rate is null)
        {
            return RatingOutcome.Unpriced("direction", $"plan '{plan.Id}' has no {usage.Component} {usage.Direction} rate");
        }

        var billableSeconds = usage.Answered ? rate.Increment.BillableSeconds(usage.DurationSeconds) : 0;
        var raw = usage.Answered
            ? (billableSeconds * rate.PerMinute / 60m) + rate.ConnectFee
            : rate.AttemptCharge;
        var amount = Rounding.Round(raw, version.PerCall.Decimals, version.PerCall.Mode);
        var versionKey = version.EffectiveFrom.ToString("yyyy-MM-dd", null);
        return RatingOutcome.Priced(new Charge(billableSeconds, new Money(amount, plan.Currency), rate.PerMinute, plan.Id, versionKey));
    }
}
