using NodaTime.Text;
using ServerlessBilling.Accounts;
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

    /// <summary>Writes the detail of <paramref name="invoice"/>: its calls, then the total of its usage lines.</summary>
    public static async Task WriteAsync(TextWriter writer, Invoice invoice, UsageDetail usage, CancellationToken cancellationToken)
    {
        await writer.WriteAsync((Header + NewLine).AsMemory(), cancellationToken);
        foreach (var call in usage.Calls())
        {
            await WriteRowAsync(writer, call, cancellationToken);
        }

        await WriteTotalAsync(writer, invoice, cancellationToken);
    }

    /// <summary>Writes the detail of <paramref name="invoice"/>, billing one account's <paramref name="usage"/>.</summary>
    public static Task WriteAsync(TextWriter writer, Invoice invoice, Account account, PricePlan plan, IReadOnlyList<RatedUsage> usage, CancellationToken cancellationToken) =>
        WriteAsync(writer, invoice, UsageDetail.Of(invoice.Period, account, plan, usage), cancellationToken);

    /// <summary>One file for a consolidated invoice: the parent's calls, then each location's, labelled as on the invoice.</summary>
    /// <param name="locations">The parent first, then its locations in the invoice's order.</param>
    public static Task WriteConsolidatedAsync(TextWriter writer, Invoice invoice, IReadOnlyList<LocationBill> locations, CancellationToken cancellationToken) =>
        WriteAsync(writer, invoice, UsageDetail.Consolidated(invoice.Period, locations), cancellationToken);

    /// <summary>The detail of an invoice that bills no calls (a late fee's): the header and a total of its usage lines.</summary>
    public static Task WriteWithoutCallsAsync(TextWriter writer, Invoice invoice, CancellationToken cancellationToken) =>
        WriteAsync(writer, invoice, UsageDetail.None, cancellationToken);

    private static async Task WriteRowAsync(TextWriter writer, CallDetail call, CancellationToken cancellationToken)
    {
        var e = call.Usage.Event;
        string[] cells =
        [
            Csv.Text(e.EventId),
            LocalTime.Format(call.StartedLocal),
            e.Direction.ToString(),
            e.Component.ToString(),
            Csv.Phone(e.From),
            Csv.Phone(e.To),
            Csv.Number(e.DurationSeconds),
            Csv.Number(call.Usage.Charge.BillableSeconds),
            Csv.Number(call.RatePerMinute),
            Csv.Number(call.ConnectFee),
            Csv.Number(call.AttemptCharge),
            Csv.Number(call.Amount),
            call.Usage.Charge.Amount.Currency,
            Csv.Number(call.IncludedSeconds),
            Csv.Number(call.ChargedSeconds),
            Csv.Text(call.Usage.PriorPeriodKey),
            Csv.Text(call.Location),
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
