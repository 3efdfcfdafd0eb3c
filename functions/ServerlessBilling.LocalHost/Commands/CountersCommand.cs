using System.Globalization;
using System.Text.Json;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>counters [--source s] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--json]</c>: the ingest counters of a running host, per day and
/// source, with totals (with <c>--json</c>, as <c>GET /api/ingest/counters</c> answers them).</summary>
public static class CountersCommand
{
    public static async Task<int> RunAsync(BillingApiClient api, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await api.GetIngestCountersAsync(options.Get("--source"), options.Get("--from"), options.Get("--to"), cancellationToken);
        if (options.Has("--json"))
        {
            output.WriteLine(JsonSerializer.Serialize(report, BillingJson.Options));
            return 0;
        }

        output.WriteLine($"Ingest counters {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} (UTC days){(report.Source is null ? "" : ", " + report.Source)}");
        output.WriteLine($"{"Day",-10} {"Source",-18} {"Received",9} {"Accepted",9} {"Ignored",8} {"Rejected",9} {"Queued",8} {"Quarantined",12} {"Rated",8} {"Duplicates",11}");
        foreach (var day in report.Days)
        {
            output.WriteLine(Row(day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Source, day.Counts));
        }

        foreach (var total in report.Totals)
        {
            output.WriteLine(Row("Total", total.Source, total.Counts));
        }

        if (report.Days.Count == 0)
        {
            output.WriteLine("Nothing counted in this range.");
        }

        return 0;
    }

    private static string Row(string day, string source, IngestCounts c) => string.Create(CultureInfo.InvariantCulture,
        $"{day,-10} {source,-18} {c.Received,9} {c.Accepted,9} {c.Ignored,8} {c.Rejected,9} {c.Queued,8} {c.Quarantined,12} {c.Rated,8} {c.Duplicates,11}");
}
