using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>One account's calls on an invoice (on a consolidated invoice, one location's), worked out row by row as they are read.</summary>
/// <remarks>Calls come in call-start order, the order bundles are drawn down in, so the included and charged seconds read as a
/// running story; late calls of earlier periods follow, oldest period first, outside the bundles.</remarks>
public sealed class LocationUsage(BillingPeriod period, LocationBill bill, string? label)
{
    /// <summary>The location's label as the invoice prints it; null on an invoice that is not consolidated.</summary>
    public string? Label => label;

    /// <summary>The IANA zone the calls' times are given in: the account's billing zone.</summary>
    public string TimeZone => bill.Account.Billing.TimeZone;

    /// <summary>Gives back what the store holds for the location's usage once the documents are written.</summary>
    internal void Release() => bill.ReleaseUsage();

    /// <summary>Each call with what it was charged, computed as it is enumerated.</summary>
    public IEnumerable<CallDetail> Calls()
    {
        var (account, plan, usage) = (bill.Account, bill.Plan, bill.Usage);
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var zone = account.Billing.Zone;
        foreach (var call in BundleDrawdown.Draw(CallOrder.Own(usage), version.Bundles))
        {
            var overage = call.ChargedSeconds > 0 ? call.Bundle?.OveragePerMinute : null;
            var rate = overage ?? call.Usage.Charge.UnitPrice;
            var connectFee = overage is null && call.ChargedSeconds > 0 ? ConnectFee(call.Usage, plan, zone) : 0m;
            yield return Detail(call.Usage, zone, rate, connectFee, call.ChargedAmount, call.IncludedSeconds, call.ChargedSeconds);
        }

        foreach (var late in CallOrder.Late(usage))
        {
            var connectFee = late.Charge.BillableSeconds > 0 ? ConnectFee(late, plan, zone) : 0m;
            yield return Detail(late, zone, late.Charge.UnitPrice, connectFee, late.Charge.Amount.Amount, 0, late.Charge.BillableSeconds);
        }
    }

    /// <summary>One row per customer number, by number: its calls, attempts, charged seconds and the sum of its calls' amounts.</summary>
    /// <remarks>Counted as the calls go by (each number's amounts added in call order), so only one row per number is held.</remarks>
    public IReadOnlyList<NumberSummary> Numbers()
    {
        var numbers = new Dictionary<string, NumberSummary>(StringComparer.Ordinal);
        foreach (var call in Calls())
        {
            var sum = numbers.GetValueOrDefault(call.Number) ?? new NumberSummary(label, call.Number, 0, 0, 0, 0m);
            numbers[call.Number] = sum with
            {
                Calls = sum.Calls + 1,
                Attempts = sum.Attempts + (call.IsAttempt ? 1 : 0),
                ChargedSeconds = sum.ChargedSeconds + call.ChargedSeconds,
                Amount = sum.Amount + call.Amount,
            };
        }

        return [.. numbers.Values.OrderBy(n => n.Number, StringComparer.Ordinal)];
    }

    private CallDetail Detail(RatedUsage call, DateTimeZone zone, decimal rate, decimal connectFee, decimal amount, int included, int charged) =>
        // A call that never connected bills no seconds: its whole amount is the attempt charge.
        new(call, call.Event.StartedAt.InZone(zone).ToOffsetDateTime(), rate, connectFee, call.Charge.BillableSeconds == 0 ? amount : 0m, amount, included, charged, label);

    /// <summary>The connect fee of the rate row that priced a connected call, found again as the rater found it.</summary>
    private static decimal ConnectFee(RatedUsage call, PricePlan plan, DateTimeZone zone)
    {
        var e = call.Event;
        if (plan.VersionOn(e.StartedAt.InZone(zone).Date) is not { } version)
        {
            return 0m;
        }

        var row = RateDeck.For(version).Find(e.Component, e.Direction, call.Charge.RatedNumberType, RateDeck.DigitsOf(e.To), call.Charge.Band);
        return row?.Rate.ConnectFee ?? 0m;
    }
}
