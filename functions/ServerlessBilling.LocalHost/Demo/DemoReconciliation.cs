using System.Globalization;
using System.Text;
using NodaTime;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.LocalHost.Demo;

/// <summary>The demo's buy side: Twilio's cost plan from the shipped price list before the calls arrive, then Twilio's call records for
/// the month (the demo's calls as Twilio lists them, and one call whose webhook never reached the host) reconciled at the end.</summary>
internal static class DemoReconciliation
{
    public static async Task ImportCostPlanAsync(BillingApiClient api, LocalDate effectiveFrom, TextWriter log, CancellationToken cancellationToken)
    {
        await using var prices = File.OpenRead(Path.Combine(RepositoryRoot.Find(), "samples", "upstream", "twilio-voice-pricing-us.csv"));
        var query = string.Create(CultureInfo.InvariantCulture, $"effectiveFrom={effectiveFrom:yyyy-MM-dd}&currency=USD&preset=twilio-voice");
        var plan = await api.ImportPriceListAsync("twilio", "voice", query, prices, cancellationToken);
        await log.WriteLineAsync($"Imported Twilio's price list as cost plan '{plan.Plan.Id}' ({plan.Plan.Versions[^1].UsageRates.Count} rate rows).");
    }

    public static async Task ReconcileAsync(BillingApiClient api, LocalDate day, string month, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync();
        await log.WriteLineAsync($"Reconciling Twilio's call records for {month} against what was billed:");
        await using var statement = new MemoryStream(Encoding.UTF8.GetBytes(Statement(day)));
        var imported = await api.ImportStatementAsync("twilio", month, null, null, statement, cancellationToken);
        var view = await new PhaseProgress(log).RunAsync($"Reconciling run {imported.RunId}", _ =>
            api.WaitForReconciliationAsync("twilio", month, imported.RunId, TimeSpan.FromMilliseconds(250), cancellationToken));
        ReconcileCommand.Print(view, log);
    }

    /// <summary>The month's calls in the Twilio call records format, priced as Twilio's list prices them (per minute, rounded up).</summary>
    private static string Statement(LocalDate day)
    {
        static string Row(string sid, string from, string to, string direction, string status, LocalDateTime start, int seconds, decimal price) =>
            string.Create(CultureInfo.InvariantCulture,
                $"{sid},{from},{to},{direction},{status},{start.InUtc().ToInstant()},{start.PlusSeconds(seconds).InUtc().ToInstant()},{seconds},-{price},USD");

        return string.Join('\n',
            "Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit",
            Row("CA0001", "+14155550123", "+18885550100", "inbound", "completed", day.At(new LocalTime(15, 0, 0)), 83, 0.044m),
            Row("CA0002", "+13125550100", "+14155550124", "outbound-api", "completed", day.At(new LocalTime(16, 0, 0)), 37, 0.014m),
            Row("CA0003", "+16465550101", "+12125550155", "inbound", "completed", day.PlusDays(1).At(new LocalTime(14, 0, 0)), 300, 0.0425m),
            Row("CA0004", "+12125550155", "+16465550102", "outbound-api", "busy", day.PlusDays(2).At(new LocalTime(10, 0, 0)), 0, 0m),
            Row("CA0006", "+16465550109", "+12125550155", "inbound", "completed", day.PlusDays(2).At(new LocalTime(12, 0, 0)), 95, 0.017m)) + "\n";
    }
}
