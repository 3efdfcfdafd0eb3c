using System.Globalization;
using System.Text;
using NodaTime;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.LocalHost.Demo;

/// <summary>The demo's buy side: Twilio's cost plan from the shipped price list before the calls arrive, then Twilio's call records for
/// the month before (clean) and for the demo's month (its calls as Twilio lists them, and one call whose webhook never reached the host)
/// reconciled at the end, so the demo's month shows its margin drift since the month before.</summary>
internal static class DemoReconciliation
{
    private const string Header = "Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit";

    public static async Task ImportCostPlanAsync(BillingApiClient api, LocalDate effectiveFrom, TextWriter log, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"effectiveFrom={effectiveFrom:yyyy-MM-dd}&currency=USD&preset=twilio-voice");
        var plan = await new UploadProgress(log).RunAsync(
            Path.Combine(RepositoryRoot.Find(), "samples", "upstream", "twilio-voice-pricing-us.csv"),
            prices => api.ImportPriceListAsync("twilio", "voice", query, prices, cancellationToken));
        await log.WriteLineAsync($"Imported Twilio's price list as cost plan '{plan.Plan.Id}' ({plan.Plan.Versions[^1].UsageRates.Count} rate rows).");
    }

    /// <summary>Reconciles the month before, then the demo's month, so the demo's month shows its drift since the month before.</summary>
    public static async Task ReconcileAsync(BillingApiClient api, LocalDate previousDay, LocalDate day, TextWriter log, CancellationToken cancellationToken)
    {
        await ReconcileAsync(api, Month(previousDay), PreviousStatement(previousDay), log, cancellationToken);
        await ReconcileAsync(api, Month(day), Statement(day), log, cancellationToken);
    }

    private static async Task ReconcileAsync(BillingApiClient api, string month, string statementText, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync();
        await log.WriteLineAsync($"Reconciling Twilio's call records for {month} against what was billed:");
        await using var statement = new MemoryStream(Encoding.UTF8.GetBytes(statementText));
        var imported = await api.ImportStatementAsync("twilio", month, null, null, statement, cancellationToken);
        var view = await new PhaseProgress(log).RunAsync($"Reconciling run {imported.RunId}", _ =>
            api.WaitForReconciliationAsync("twilio", month, imported.RunId, TimeSpan.FromMilliseconds(250), cancellationToken));
        ReconcileCommand.Print(view, log);
    }

    /// <summary>The UTC month Twilio bills the day's calls in (the demo's calls start well inside their day).</summary>
    private static string Month(LocalDate day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Row(string sid, string from, string to, string direction, string status, LocalDateTime start, int seconds, decimal price) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{sid},{from},{to},{direction},{status},{start.InUtc().ToInstant()},{start.PlusSeconds(seconds).InUtc().ToInstant()},{seconds},-{price},USD");

    /// <summary>The month's calls in the Twilio call records format, priced as Twilio's list prices them (per minute, rounded up).</summary>
    private static string Statement(LocalDate day) =>
        string.Join('\n',
            Header,
            Row("CA0001", "+14155550123", "+18885550100", "inbound", "completed", day.At(new LocalTime(15, 0, 0)), 83, 0.044m),
            Row("CA0002", "+13125550100", "+14155550124", "outbound-api", "completed", day.At(new LocalTime(16, 0, 0)), 37, 0.014m),
            Row("CA0003", "+16465550101", "+12125550155", "inbound", "completed", day.PlusDays(1).At(new LocalTime(14, 0, 0)), 300, 0.0425m),
            Row("CA0004", "+12125550155", "+16465550102", "outbound-api", "busy", day.PlusDays(2).At(new LocalTime(10, 0, 0)), 0, 0m),
            Row("CA0006", "+16465550109", "+12125550155", "inbound", "completed", day.PlusDays(2).At(new LocalTime(12, 0, 0)), 95, 0.017m)) + "\n";

    /// <summary>The month before: its two calls, both billed, as Twilio lists them.</summary>
    private static string PreviousStatement(LocalDate day) =>
        string.Join('\n',
            Header,
            Row("CA0101", "+14155550188", "+18885550100", "inbound", "completed", day.At(new LocalTime(15, 0, 0)), 120, 0.044m),
            Row("CA0102", "+16465550177", "+12125550155", "inbound", "completed", day.At(new LocalTime(17, 0, 0)), 61, 0.017m)) + "\n";
}
