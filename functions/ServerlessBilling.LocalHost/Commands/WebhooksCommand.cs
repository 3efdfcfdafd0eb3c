using System.Globalization;
using NodaTime.Text;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>webhooks list</c>, <c>webhooks deliveries &lt;endpoint&gt; [--limit N]</c> and <c>webhooks redeliver &lt;endpoint&gt;
/// &lt;delivery&gt;</c>: the webhooks-out routes of a running host, one tab-separated line per endpoint or log line. With <c>--json</c>:
/// <c>list</c> every page's endpoints as one array, <c>deliveries</c> the log lines, <c>redeliver</c> the attempt's log line, each as the
/// route answers it.</summary>
public static class WebhooksCommand
{
    /// <summary>Every registered endpoint: id, enabled or disabled, URL, event types, and why it was disabled (or its description).</summary>
    public static Task<int> ListAsync(BillingApiClient api, TextWriter output, CancellationToken cancellationToken) =>
        ListAsync(api, json: false, output, cancellationToken);

    /// <inheritdoc cref="ListAsync(BillingApiClient, TextWriter, CancellationToken)"/>
    public static async Task<int> ListAsync(BillingApiClient api, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var endpoints = await api.ListWebhookEndpointsAsync(cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, endpoints);
            return 0;
        }

        foreach (var endpoint in endpoints)
        {
            output.WriteLine(string.Join('\t', endpoint.Id, endpoint.Enabled ? "enabled" : "disabled", endpoint.Url, string.Join(',', endpoint.EventTypes),
                endpoint.DisabledReason ?? endpoint.Description ?? ""));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{endpoints.Count} webhook endpoint(s)."));
        return 0;
    }

    /// <summary>The newest <paramref name="limit"/> lines of the endpoint's delivery log, newest first.</summary>
    public static Task<int> DeliveriesAsync(BillingApiClient api, string endpointId, int limit, TextWriter output, CancellationToken cancellationToken) =>
        DeliveriesAsync(api, endpointId, limit, json: false, output, cancellationToken);

    /// <inheritdoc cref="DeliveriesAsync(BillingApiClient, string, int, TextWriter, CancellationToken)"/>
    public static async Task<int> DeliveriesAsync(BillingApiClient api, string endpointId, int limit, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var log = await api.ListWebhookLogAsync(endpointId, limit, cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, log);
            return 0;
        }

        foreach (var entry in log)
        {
            output.WriteLine(Line(entry));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{log.Count} log line(s), newest first."));
        return 0;
    }

    /// <summary>One attempt of the delivery now; exit code 1 when the endpoint did not accept it.</summary>
    public static Task<int> RedeliverAsync(BillingApiClient api, string endpointId, string deliveryId, TextWriter output, CancellationToken cancellationToken) =>
        RedeliverAsync(api, endpointId, deliveryId, json: false, output, cancellationToken);

    /// <inheritdoc cref="RedeliverAsync(BillingApiClient, string, string, TextWriter, CancellationToken)"/>
    public static async Task<int> RedeliverAsync(BillingApiClient api, string endpointId, string deliveryId, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var attempt = await api.RedeliverWebhookAsync(endpointId, deliveryId, cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, attempt);
        }
        else
        {
            output.WriteLine(Line(attempt));
        }

        return attempt.Outcome == WebhookLogEntry.Succeeded ? 0 : 1;
    }

    /// <summary>At, outcome, delivery, event type, attempt, response code, latency, manual, detail.</summary>
    private static string Line(WebhookLogEntry entry) => string.Join('\t',
        InstantPattern.ExtendedIso.Format(entry.At), entry.Outcome, entry.DeliveryId ?? "-", entry.EventType ?? "-",
        string.Create(CultureInfo.InvariantCulture, $"attempt {entry.Attempt}"),
        entry.ResponseCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
        entry.LatencyMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms} ms") : "-",
        entry.Manual ? "manual" : "", entry.Detail ?? "");
}
