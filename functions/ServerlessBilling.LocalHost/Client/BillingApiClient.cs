using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>A small client of the HTTP API, as a reseller's own tooling would call it: management routes with a function key, and Twilio callbacks signed as Twilio signs them.</summary>
public sealed class BillingApiClient(HttpClient http, string functionKey)
{
    public async Task PutPlanAsync(PricePlan plan, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, $"api/plans/{Uri.EscapeDataString(plan.Id)}", plan, cancellationToken);

    public async Task PutAccountAsync(Account account, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(account.Id)}", account, cancellationToken);

    public async Task AssignNumberAsync(NumberAssignment number, CancellationToken cancellationToken) =>
        await SendAsync(
            HttpMethod.Put,
            $"api/accounts/{Uri.EscapeDataString(number.AccountId)}/numbers/{Uri.EscapeDataString(number.Number)}",
            new { number.Type, number.From, number.Until },
            cancellationToken);

    public async Task AssignAgentAsync(AgentAssignment agent, CancellationToken cancellationToken) =>
        await SendAsync(
            HttpMethod.Put,
            $"api/accounts/{Uri.EscapeDataString(agent.AccountId)}/agents/{Uri.EscapeDataString(agent.Vendor)}/{Uri.EscapeDataString(agent.AgentId)}",
            new { agent.From, agent.Until },
            cancellationToken);

    /// <summary>Posts a status callback form, signed with <paramref name="authToken"/> over the public URL.</summary>
    public Task<HttpResponseMessage> PostTwilioCallbackAsync(
        IReadOnlyList<KeyValuePair<string, string>> form, string authToken, Uri publicBaseUrl, CancellationToken cancellationToken)
    {
        const string path = "api/webhooks/twilio";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(authToken, new Uri(publicBaseUrl, path).AbsoluteUri, form));
        return http.SendAsync(request, cancellationToken);
    }

    public async Task StartCloseAsync(CycleRequest cycle, CancellationToken cancellationToken) =>
        await SendAsync<object?>(HttpMethod.Post, $"{CyclePath(cycle)}/close", null, cancellationToken);

    /// <summary>Polls the close until the orchestration completes and returns its invoice; a failed close throws with its reason.</summary>
    public async Task<InvoiceSummary> WaitForCloseAsync(CycleRequest cycle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, CyclePath(cycle));
            request.Headers.Add("x-functions-key", functionKey);
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadFromJsonAsync<CloseStatus>(BillingJson.Options, cancellationToken);
            switch (status?.RuntimeStatus)
            {
                case "Completed":
                    return status.Invoice!;
                case "Failed" or "Terminated":
                    throw new InvalidOperationException($"The close {cycle.InstanceId} ended {status.RuntimeStatus}: {status.Failure}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The close {cycle.InstanceId} is still {status?.RuntimeStatus} after {timeout}.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary><c>GET api/ingest/counters</c>; null parameters take the route's defaults (all sources, today).</summary>
    public Task<IngestCountReport> GetIngestCountersAsync(string? source, string? from, string? to, CancellationToken cancellationToken)
    {
        var query = string.Join('&', new[] { ("source", source), ("from", from), ("to", to) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return ReadAsync<IngestCountReport>(HttpMethod.Get, "api/ingest/counters" + (query.Length > 0 ? "?" + query : ""), cancellationToken);
    }

    public Task<IReadOnlyList<QuarantinedRecord>> ListQuarantineAsync(string source, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<QuarantinedRecord>>(HttpMethod.Get, $"api/quarantine/{Uri.EscapeDataString(source)}", cancellationToken);

    public Task<ReplaySummary> ReplayQuarantineAsync(string source, CancellationToken cancellationToken) =>
        ReadAsync<ReplaySummary>(HttpMethod.Post, $"api/quarantine/{Uri.EscapeDataString(source)}/replay", cancellationToken);

    public Task<TaxTableListing> ListTaxTablesAsync(CancellationToken cancellationToken) =>
        ReadAsync<TaxTableListing>(HttpMethod.Get, "api/tax-tables", cancellationToken);

    /// <summary><c>PUT api/tax-tables/{name}</c> with the document's exact bytes; a rejected table throws with the problems naming each rule.</summary>
    public async Task PutTaxTableAsync(string name, byte[] document, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tax-tables/{Uri.EscapeDataString(name)}");
        request.Headers.Add("x-functions-key", functionKey);
        request.Content = new ByteArrayContent(document);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"PUT tax table '{name}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary><c>GET api/tax-reports/{report}/{year}</c> as the route answers it (JSON, or CSV with <paramref name="format"/> <c>csv</c>).</summary>
    public async Task<string> GetTaxReportAsync(string report, int year, string format, string? part, CancellationToken cancellationToken)
    {
        var path = $"api/tax-reports/{Uri.EscapeDataString(report)}/{year}?format={Uri.EscapeDataString(format)}" + (part is null ? "" : $"&part={Uri.EscapeDataString(part)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }

    private static string CyclePath(CycleRequest cycle) =>
        $"api/cycles/{Uri.EscapeDataString(cycle.AccountId)}/{Uri.EscapeDataString(cycle.PeriodStart)}";

    private async Task SendAsync<T>(HttpMethod method, string path, T body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", functionKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: BillingJson.Options);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(BillingJson.Options, cancellationToken)
            ?? throw new HttpRequestException($"{method} {path} answered with an empty body.");
    }

    private sealed record CloseStatus(string RuntimeStatus, InvoiceSummary? Invoice, string? Failure);
}
