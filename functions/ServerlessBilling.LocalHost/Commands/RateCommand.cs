using System.Globalization;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Rating;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>rate --plan plan.json --input calls.jsonl|Master.csv [--format events|asterisk|freeswitch|twilio-bulkexport|csv] [--zone IANA] [--out table|csv|json]</c>: prices a file of calls offline.</summary>
public static class RateCommand
{
    public static int Run(CommandOptions options, TextWriter output, TextWriter errors)
    {
        var (plan, zone, events) = OfflineInput.From(options, errors);
        var calls = OfflineRating.Rate(events, plan, zone).ToList();

        switch (options.Get("--out") ?? "table")
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(calls.Select(c => new { c.Event.EventId, c.Charge, c.Problem, c.Margin }), BillingJson.Options));
                break;
            case "csv":
                output.WriteLine("event_id,started_at,direction,from,to,seconds,billable_seconds,rate,unit_price,amount,currency,upstream_cost,margin,problem");
                foreach (var c in calls)
                {
                    output.WriteLine(string.Join(',', Csv.Text(c.Event.EventId), c.Event.StartedAt.ToString(), c.Event.Direction, Csv.Text(c.Event.From), Csv.Text(c.Event.To),
                        c.Event.DurationSeconds, c.Charge?.BillableSeconds, Csv.Text(c.Charge?.Rate), Csv.Number(c.Charge?.UnitPrice), Csv.Number(c.Charge?.Amount.Amount),
                        plan.Currency, Csv.Number(c.Event.UpstreamCost?.Amount), Csv.Number(c.Margin?.Amount), Csv.Text(c.Problem?.ToString())));
                }

                break;
            default:
                WriteTable(calls, zone, plan.Currency, output);
                break;
        }

        var unpriced = calls.Count(c => c.Charge is null);
        errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls.Count} calls, {calls.Sum(c => c.Charge?.Amount.Amount ?? 0):0.######} {plan.Currency}, {unpriced} unpriced"));
        return unpriced == 0 ? 0 : 1;
    }

    private static void WriteTable(List<RatedCall> calls, DateTimeZone zone, string currency, TextWriter output)
    {
        output.WriteLine($"{"Event",-28} {"Start (local)",-19} {"Dir",-8} {"To",-16} {"Secs",6} {"Billed",6} {"Amount",12} {"Margin",12}  Rate / problem");
        foreach (var c in calls)
        {
            var start = c.Event.StartedAt.InZone(zone).LocalDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Truncate(c.Event.EventId, 28),-28} {start,-19} {c.Event.Direction,-8} {Truncate(c.Event.To, 16),-16} {c.Event.DurationSeconds,6} {c.Charge?.BillableSeconds,6} {c.Charge?.Amount.Amount,12:0.000000} {c.Margin?.Amount,12:0.000000}  {c.Charge?.Rate ?? c.Problem?.ToString()}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"Total",-81} {calls.Sum(c => c.Charge?.Amount.Amount ?? 0),12:0.000000} {calls.Sum(c => c.Margin?.Amount ?? 0),12:0.000000}  {currency}"));
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
