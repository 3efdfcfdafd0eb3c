using System.Globalization;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Rating;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>rate --plan plan.json --input calls.jsonl|Master.csv [--input-format F] [--zone IANA] [--format table|csv|json] [--json]</c>:
/// prices a file of calls offline, each call on its own (bundles, tiers and minimum spend apply per account and period: <c>quote</c>).</summary>
/// <remarks>Exit code 0 when every line was read and priced, 1 when a line could not be read or a call has no rate.</remarks>
public sealed class RateCommand : Command<RateSettings>
{
    public const string PerCallNote = "Per-call prices before bundles, tiers and minimum spend, which apply per account and period (quote applies them).";

    public override int Execute(CommandContext context, RateSettings settings, CancellationToken cancellationToken) =>
        Run(settings, Console.Out, Console.Error);

    public static int Run(RateSettings settings, TextWriter output, TextWriter errors)
    {
        var input = OfflineInput.From(settings, errors);
        var calls = OfflineRating.Rate(input.Calls, input.Plan, input.Zone).ToList();
        var totals = RateTotals.Of(calls, input);

        switch (settings.Output)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(RateReport.Of(input, calls, totals), BillingJson.Options));
                break;
            case "csv":
                WriteCsv(calls, input.Plan.Currency, output);
                break;
            default:
                WriteTable(calls, input.Zone, totals, Terminal.Over(output));
                break;
        }

        errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{totals.Calls} calls, {totals.Amount:0.######} {totals.Currency}, {totals.Unpriced} unpriced, {totals.BadLines} unreadable lines. {PerCallNote}"));
        return totals.Unpriced == 0 && totals.BadLines == 0 ? 0 : 1;
    }

    private static void WriteCsv(List<RatedCall> calls, string currency, TextWriter output)
    {
        output.WriteLine("event_id,started_at,direction,from,to,seconds,billable_seconds,rate,unit_price,amount,currency,upstream_cost,margin,problem");
        foreach (var c in calls)
        {
            output.WriteLine(string.Join(',', Csv.Text(c.Event.EventId), c.Event.StartedAt.ToString(), c.Event.Direction, Csv.Text(c.Event.From), Csv.Text(c.Event.To),
                c.Event.DurationSeconds, c.Charge?.BillableSeconds, Csv.Text(c.Charge?.Rate), Csv.Number(c.Charge?.UnitPrice), Csv.Number(c.Charge?.Amount.Amount),
                currency, Csv.Number(c.Event.UpstreamCost?.Amount), Csv.Number(c.Margin?.Amount), Csv.Text(c.Problem?.ToString())));
        }
    }

    private static void WriteTable(List<RatedCall> calls, DateTimeZone zone, RateTotals totals, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Event").AddColumn("Start (local)").AddColumn("Dir").AddColumn("To")
            .AddColumn(new TableColumn("Secs").RightAligned()).AddColumn(new TableColumn("Billed").RightAligned())
            .AddColumn(new TableColumn("Amount").RightAligned()).AddColumn(new TableColumn("Margin").RightAligned()).AddColumn("Rate / problem");
        foreach (var c in calls)
        {
            var start = c.Event.StartedAt.InZone(zone).LocalDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            table.AddRow(
                Markup.Escape(c.Event.EventId), start, c.Event.Direction.ToString(), Markup.Escape(c.Event.To),
                Number(c.Event.DurationSeconds), Number(c.Charge?.BillableSeconds), Amount(c.Charge?.Amount.Amount), Amount(c.Margin?.Amount),
                Markup.Escape(c.Charge?.Rate ?? c.Problem?.ToString() ?? ""));
        }

        table.AddRow("Total", "", "", "", "", "", Amount(totals.Amount), Amount(totals.Margin), totals.Currency);
        console.Write(table);
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Amount(decimal? value) => value?.ToString("0.000000", CultureInfo.InvariantCulture) ?? "";
}
