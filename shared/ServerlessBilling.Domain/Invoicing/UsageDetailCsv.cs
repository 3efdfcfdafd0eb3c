using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>The usage detail beside an invoice, for systems: every call of the period and what it was charged, one RFC 4180
/// row each (CRLF line ends), then a <c>total</c> row equal to the invoice's usage lines.</summary>
/// <remarks>
/// Calls are listed in call-start order, the order bundles are drawn down in, so the included and charged seconds
/// read as a running story. Each row reconciles: <c>amount = round(charged_seconds / 60 x rate_per_minute + connect_fee +
/// attempt_charge)</c> to the plan's per-call decimals with its per-call rounding mode, for calls priced at one flat
/// per-minute rate (see docs/closing-and-invoices.md for the rows a minimum, a cap, a step or a bundle's share shapes).
/// <c>rate_per_minute</c> is a bundle's overage price where one applies. Late calls of earlier periods close the list, with
/// their own period in <c>prior_period</c>. Start times are in the account's zone with its offset. For a consolidated
/// invoice each location's calls follow in turn, in the invoice's order, with the location's name in <c>location</c>.
/// The file is written straight to <see cref="TextWriter"/> (a blob upload stream), never held whole in memory.
/// </remarks>
public static class UsageDetailCsv
{
    /// <summary>The first line of every usage-detail file.</summary>
    public const string Header =
        "call_id,started_local,direction,component,from,to,seconds,billable_seconds,rate_per_minute,connect_fee,attempt_charge,amount,currency,included_seconds,charged_seconds,prior_period,location";

    /// <summary>The <c>call_id</c> of the last row, whose <c>amount</c> is the sum of the invoice's usage lines.</summary>
    public const string TotalRow = "total";

    private const string NewLine = "\r\n";

    private static readonly OffsetDateTimePattern LocalTime = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss o<+HH:mm>");

    /// <summary>Writes the detail of <paramref name="invoice"/>, billing one account's <paramref name="usage"/>.</summary>
    public static async Task WriteAsync(TextWriter writer, Invoice invoice, Account account, PricePlan plan, IReadOnlyList<RatedUsage> usage, CancellationToken cancellationToken)
    {
        await writer.WriteAsync((Header + NewLine).AsMemory(), cancellationToken);
        await WriteLocationAsync(writer, account, plan, invoice.Period, usage, location: null, cancellationToken);
        await WriteTotalAsync(writer, invoice, cancellationToken);
    }

    /// <summary>One file for a consolidated invoice: the parent's calls, then each location's, labelled as on the invoice.</summary>
    /// <param name="locations">The parent first, then its locations in the invoice's order.</param>
    public static async Task WriteConsolidatedAsync(TextWriter writer, Invoice invoice, IReadOnlyList<LocationBill> locations, CancellationToken cancellationToken)
    {
        await writer.WriteAsync((Header + NewLine).AsMemory(), cancellationToken);
        var labels = GroupInvoice.LocationLabels([.. locations.Select(l => l.Account)]);
        foreach (var bill in locations)
        {
            await WriteLocationAsync(writer, bill.Account, bill.Plan, invoice.Period, bill.Usage, labels[bill.Account.Id], cancellationToken);
        }

        await WriteTotalAsync(writer, invoice, cancellationToken);
    }

    /// <summary>The detail of an invoice that bills no calls (a late fee's): the header and a total of its usage lines.</summary>
    public static async Task WriteWithoutCallsAsync(TextWriter writer, Invoice invoice, CancellationToken cancellationToken)
    {
        await writer.WriteAsync((Header + NewLine).AsMemory(), cancellationToken);
        await WriteTotalAsync(writer, invoice, cancellationToken);
    }

    private static async Task WriteLocationAsync(
        TextWriter writer, Account account, PricePlan plan, BillingPeriod period, IReadOnlyList<RatedUsage> usage, string? location, CancellationToken cancellationToken)
    {
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var zone = account.Billing.Zone;
        foreach (var call in BundleDrawdown.Apply(usage.Where(u => u.PriorPeriodKey is null), version.Bundles))
        {
            var overage = call.ChargedSeconds > 0 ? call.Bundle?.OveragePerMinute : null;
            var rate = overage ?? call.Usage.Charge.UnitPrice;
            var connectFee = overage is null && call.ChargedSeconds > 0 ? ConnectFee(call.Usage, plan, zone) : 0m;
            await WriteRowAsync(writer, call.Usage, zone, rate, connectFee, call.ChargedAmount, call.IncludedSeconds, call.ChargedSeconds, location, cancellationToken);
        }

        foreach (var late in usage.Where(u => u.PriorPeriodKey is not null)
                     .OrderBy(u => u.PriorPeriodKey, StringComparer.Ordinal).ThenBy(u => u.Event.StartedAt).ThenBy(u => u.Event.EventId, StringComparer.Ordinal))
        {
            var connectFee = late.Charge.BillableSeconds > 0 ? ConnectFee(late, plan, zone) : 0m;
            await WriteRowAsync(writer, late, zone, late.Charge.UnitPrice, connectFee, late.Charge.Amount.Amount, 0, late.Charge.BillableSeconds, location, cancellationToken);
        }
    }

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

    private static async Task WriteRowAsync(
        TextWriter writer, RatedUsage call, DateTimeZone zone, decimal rate, decimal connectFee, decimal amount, int included, int charged, string? location,
        CancellationToken cancellationToken)
    {
        var e = call.Event;
        // A call that never connected bills no seconds: its whole amount is the row's attempt charge.
        var attempt = call.Charge.BillableSeconds == 0 ? amount : 0m;
        string[] cells =
        [
            Csv.Text(e.EventId),
            LocalTime.Format(e.StartedAt.InZone(zone).ToOffsetDateTime()),
            e.Direction.ToString(),
            e.Component.ToString(),
            Csv.Phone(e.From),
            Csv.Phone(e.To),
            Csv.Number(e.DurationSeconds),
            Csv.Number(call.Charge.BillableSeconds),
            Csv.Number(rate),
            Csv.Number(connectFee),
            Csv.Number(attempt),
            Csv.Number(amount),
            call.Charge.Amount.Currency,
            Csv.Number(included),
            Csv.Number(charged),
            Csv.Text(call.PriorPeriodKey),
            Csv.Text(location),
        ];
        await writer.WriteAsync((string.Join(',', cells) + NewLine).AsMemory(), cancellationToken);
    }

    private static async Task WriteTotalAsync(TextWriter writer, Invoice invoice, CancellationToken cancellationToken)
    {
        var total = invoice.Lines.Where(l => l.Category is LineCategory.Usage or LineCategory.PriorPeriodUsage).Sum(l => l.Amount.Amount);
        string[] cells = [TotalRow, "", "", "", "", "", "", "", "", "", "", Csv.Number(total), Csv.Text(invoice.Currency), "", "", "", ""];
        await writer.WriteAsync((string.Join(',', cells) + NewLine).AsMemory(), cancellationToken);
    }
}
