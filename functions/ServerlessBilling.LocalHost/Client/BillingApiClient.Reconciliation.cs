using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>The cost plan and reconciliation routes.</summary>
public sealed partial class BillingApiClient
{
    /// <summary><c>POST api/cost-plans/{vendor}/{product}/price-list</c> with a price list CSV; <paramref name="query"/> names the preset or columns.</summary>
    public async Task<CostPlan> ImportPriceListAsync(string vendor, string product, string query, Stream csv, CancellationToken cancellationToken) =>
        await SendStreamAsync<CostPlan>($"api/cost-plans/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(product)}/price-list?{query}", csv, cancellationToken);

    /// <summary><c>POST api/reconciliations/{vendor}/{month}</c> with a statement file: starts its reconciliation.</summary>
    /// <param name="scope"><c>vendor</c> or <c>statement</c>; null for the host's default (<c>vendor</c>).</param>
    public Task<StatementImported> ImportStatementAsync(string vendor, string month, string? format, string? scope, Stream statement, CancellationToken cancellationToken) =>
        ImportStatementAsync(vendor, month, format, scope, vendorAccount: null, statement, cancellationToken);

    /// <summary>The same, for one vendor account's calls (<c>?vendorAccount=</c>, a Twilio AccountSid); null for every account's.</summary>
    public async Task<StatementImported> ImportStatementAsync(
        string vendor, string month, string? format, string? scope, string? vendorAccount, Stream statement, CancellationToken cancellationToken)
    {
        var query = string.Join('&', new[] { ("format", format), ("scope", scope), ("vendorAccount", vendorAccount) }.Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        return await SendStreamAsync<StatementImported>(
            $"api/reconciliations/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(month)}" + (query.Length == 0 ? "" : "?" + query),
            statement, cancellationToken);
    }

    /// <summary><c>POST api/maintenance/source-index-backfill</c>, call after call until the ledger is done: indexes the sources of usage
    /// rated before the index was kept.</summary>
    public async Task<SourceIndexBackfillSummary> BackfillSourceIndexAsync(string? accountId, CancellationToken cancellationToken)
    {
        var total = await BackfillSourceIndexAsync(new SourceIndexBackfillRequest(AccountId: accountId), cancellationToken);
        while (total.ContinuationToken is { } cursor)
        {
            total = total.Plus(await BackfillSourceIndexAsync(new SourceIndexBackfillRequest(cursor, AccountId: accountId), cancellationToken));
        }

        return total;
    }

    /// <summary>One call of the backfill: at most <see cref="SourceIndexBackfillRequest.Pages"/> ledger pages from the cursor.</summary>
    public Task<SourceIndexBackfillSummary> BackfillSourceIndexAsync(SourceIndexBackfillRequest request, CancellationToken cancellationToken) =>
        ReadAsync<SourceIndexBackfillSummary>(HttpMethod.Post, "api/maintenance/source-index-backfill", request, cancellationToken);

    /// <summary><c>GET api/reconciliations/{vendor}/{month}</c>: the month's latest reconciliation and its first findings.</summary>
    public Task<ReconciliationView> GetReconciliationAsync(string vendor, string month, CancellationToken cancellationToken) =>
        ReadAsync<ReconciliationView>(HttpMethod.Get, $"api/reconciliations/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(month)}", cancellationToken);

    /// <summary>Waits until the reconciliation of run <paramref name="runId"/> is no longer running, polling every <paramref name="poll"/>.</summary>
    public async Task<ReconciliationView> WaitForReconciliationAsync(string vendor, string month, string runId, TimeSpan poll, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = await GetReconciliationAsync(vendor, month, cancellationToken);
            if (view.Summary.RunId == runId && view.Summary.Status != "running")
            {
                return view;
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    /// <summary><c>GET api/reconciliations/{vendor}/{month}?format=csv</c>.</summary>
    public async Task<string> GetReconciliationCsvAsync(string vendor, string month, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/reconciliations/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(month)}?format=csv");
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary><c>GET api/reconciliations/{vendor}/{month}?format=xlsx</c>: the spreadsheet's bytes.</summary>
    public async Task<byte[]> GetReconciliationXlsxAsync(string vendor, string month, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/reconciliations/{Uri.EscapeDataString(vendor)}/{Uri.EscapeDataString(month)}?format=xlsx");
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task<T> SendStreamAsync<T>(string path, Stream content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(content) };
        request.Headers.Add("x-functions-key", functionKey);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<T>(BillingJson.Options, cancellationToken)
            ?? throw new HttpRequestException($"POST {path} answered with an empty body.");
    }

    /// <summary>What the statement import answers: the orchestration's instance id and the run it reconciles.</summary>
    public sealed record StatementImported(string InstanceId, string RunId, string Status);

    /// <summary>A reconciliation as <c>GET api/reconciliations/{vendor}/{month}</c> reports it.</summary>
    public sealed record ReconciliationView(ReconciliationSummary Summary, IReadOnlyList<ReconciliationFinding> Findings, bool FindingsTruncated, string? Failure = null);
}
