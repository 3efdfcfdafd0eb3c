using System.Text;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>The usage detail beside an invoice: every call of the period and what it was charged, one CSV row each.</summary>
/// <remarks>
/// Calls are listed in call-start order, the order bundles are drawn down in, so the included and charged seconds
/// read as a running story. <c>amount</c> is the call's charge after bundles, at the plan's per-call precision
/// (not rounded to cents); an invoice line is the rounded sum of its calls. For a component priced by tiers the
/// line is priced on the period's total minutes, so there the column shows each call's rate-deck amount.
/// Late calls of earlier periods close the list, with their own period in <c>prior_period</c>. Start times are in
/// the account's zone with its offset, so the file reads as the customer's clock and still converts to UTC.
/// For a consolidated invoice each location's calls follow in turn, in the invoice's order, with the location's
/// name in <c>location</c> (empty on an invoice that is not consolidated).
/// </remarks>
public static class UsageDetailCsv
{
    public const string Header =
        "call_id,started_local,direction,component,from,to,seconds,billable_seconds,rate_per_minute,amount,currency,included_seconds,charged_seconds,prior_period,location";

    private static readonly OffsetDateTimePattern LocalTime = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss o<+HH:mm>");

    public static string Write(Account account, PricePlan plan, BillingPeriod period, IReadOnlyList<RatedUsage> usage)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        AppendLocation(text, account, plan, period, usage, location: null);
        return text.ToString();
    }

    /// <summary>One file for a consolidated invoice: the parent's calls, then each location's, labelled as on the invoice.</summary>
    /// <param name="locations">The parent first, then its locations in the invoice's order.</param>
    public static string WriteConsolidated(BillingPeriod period, IReadOnlyList<LocationBill> locations)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        var labels = GroupInvoice.LocationLabels([.. locations.Select(l => l.Account)]);
        foreach (var bill in locations)
        {
            AppendLocation(text, bill.Account, bill.Plan, period, bill.Usage, labels[bill.Account.Id]);
        }

        return text.ToString();
    }

    private static void AppendLocation(StringBuilder text, Account account, PricePlan plan, BillingPeriod period, IReadOnlyList<RatedUsage> usage, string? location)
    {
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var zone = account.Billing.Zone;
        foreach (var call in BundleDrawdown.Apply(usage.Where(u => u.PriorPeriodKey is null), version.Bundles))
        {
            AppendRow(text, call.Usage, zone, call.ChargedAmount, call.IncludedSeconds, call.ChargedSeconds, location);
        }

        foreach (var late in usage.Where(u => u.PriorPeriodKey is not null)
                     .OrderBy(u => u.PriorPeriodKey, StringComparer.Ordinal).ThenBy(u => u.Event.StartedAt).ThenBy(u => u.Event.EventId, StringComparer.Ordinal))
        {
            AppendRow(text, late, zone, late.Charge.Amount.Amount, 0, late.Charge.BillableSeconds, location);
        }
    }

    private static void AppendRow(StringBuilder text, RatedUsage call, DateTimeZone zone, decimal amount, int included, int charged, string? location)
    {
        var e = call.Event;
        string[] cells =
        [
            Csv.Text(e.EventId),
            LocalTime.Format(e.StartedAt.InZone(zone).ToOffsetDateTime()),
            e.Direction.ToString(),
            e.Component.ToString(),
            Csv.Text(e.From),
            Csv.Text(e.To),
            Csv.Number(e.DurationSeconds),
            Csv.Number(call.Charge.BillableSeconds),
            Csv.Number(call.Charge.UnitPrice),
            Csv.Number(amount),
            call.Charge.Amount.Currency,
            Csv.Number(included),
            Csv.Number(charged),
            Csv.Text(call.PriorPeriodKey),
            Csv.Text(location),
        ];
        text.AppendJoin(',', cells).Append("\r\n");
    }
}
