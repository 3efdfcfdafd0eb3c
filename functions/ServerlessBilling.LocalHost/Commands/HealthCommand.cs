using System.Globalization;
using System.Text.Json;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>health [--json]</c>: a running host's health details, one check a line (with <c>--json</c>, as
/// <c>GET /api/health/details</c> answers them); exit code 1 when it is unhealthy.</summary>
public static class HealthCommand
{
    public static Task<int> RunAsync(BillingApiClient api, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, json: false, output, cancellationToken);

    public static async Task<int> RunAsync(BillingApiClient api, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await api.GetHealthAsync(cancellationToken);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, BillingJson.Options));
            return report.Status == HealthReport.Unhealthy ? 1 : 0;
        }

        output.WriteLine($"Status:            {report.Status}");
        output.WriteLine($"Storage:           {(report.StorageReachable ? "reachable" : "unreachable")}");
        output.WriteLine($"Task hub:          {report.TaskHubReachable switch { true => "reachable", false => "unreachable", null => "not checked" }}");
        output.WriteLine($"Rating queue:      {Number(report.RatingQueueDepth)} waiting, oldest {(report.OldestUnratedSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0} s") : "none")}");
        output.WriteLine($"Poison queue:      {Number(report.PoisonDepth)}");
        output.WriteLine($"Tax tables:        {(report.TaxDaysToExpiry is { } days ? $"{days} days until a rule runs out of rates" : "unknown")}");
        output.WriteLine($"Gateways:          {(report.GatewaysConfigured.Count == 0 ? "none configured" : string.Join(", ", report.GatewaysConfigured))}");
        output.WriteLine($"Webhooks out:      {Endpoints(report.FailingWebhookEndpoints, "failing")}, {Endpoints(report.DisabledWebhookEndpoints, "disabled")}");
        return report.Status == HealthReport.Unhealthy ? 1 : 0;
    }

    private static string Endpoints(IReadOnlyList<string>? ids, string state) => ids switch
    {
        null => $"{state} unknown",
        [] => $"none {state}",
        _ => $"{ids.Count} {state} ({string.Join(", ", ids)})",
    };

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
}
