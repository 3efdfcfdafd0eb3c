using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>A small client of the HTTP API, as a reseller's own tooling would call it: management routes with a function key, and Twilio callbacks signed as Twilio signs them.</summary>
public sealed partial class BillingApiClient(HttpClient http, string functionKey)
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

    /// <summary><c>POST api/cycles/{account}/{periodStart}/close</c>: the instance, whether this request started it, and its status route.</summary>
    public Task<Functions.Cycles.CycleCloseStart> StartCloseAsync(CycleRequest cycle, CancellationToken cancellationToken) =>
        ReadAsync<Functions.Cycles.CycleCloseStart>(HttpMethod.Post, $"{CyclePath(cycle)}/close", cancellationToken);

    /// <summary><c>POST api/cycles/{account}/{periodStart}/retry</c>: runs a failed close again under its own id (409 when it has not failed).</summary>
    public async Task RetryCloseAsync(CycleRequest cycle, CancellationToken cancellationToken) =>
        await SendAsync<object?>(HttpMethod.Post, $"{CyclePath(cycle)}/retry", null, cancellationToken);

    /// <summary><c>GET api/cycles/{account}/{periodStart}</c>: where the close stands, its tax notices and, while it is held, what it waits for.</summary>
    public Task<CloseStatus> GetCloseAsync(CycleRequest cycle, CancellationToken cancellationToken) =>
        ReadAsync<CloseStatus>(HttpMethod.Get, CyclePath(cycle), cancellationToken);

    /// <summary>The same route read whole, as the API's own record (what <c>close --json</c> prints).</summary>
    public Task<Functions.Cycles.CycleCloseStatus> GetCloseStatusAsync(CycleRequest cycle, CancellationToken cancellationToken) =>
        ReadAsync<Functions.Cycles.CycleCloseStatus>(HttpMethod.Get, CyclePath(cycle), cancellationToken);

    /// <summary>Polls the close until the orchestration completes and returns its invoice; a failed close throws with its reason,
    /// and one still held for tax data when the time is up says what it waits for.</summary>
    public Task<InvoiceSummary> WaitForCloseAsync(CycleRequest cycle, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForCloseAsync(cycle, timeout, null, cancellationToken);

    /// <param name="polled">Told each status read while waiting (for a progress display).</param>
    public async Task<InvoiceSummary> WaitForCloseAsync(CycleRequest cycle, TimeSpan timeout, Action<CloseStatus>? polled, CancellationToken cancellationToken)
    {
        var status = await WaitForCloseStatusAsync(cycle, timeout, s =>
        {
            polled?.Invoke(s);
            return s.RuntimeStatus == "Completed";
        }, cancellationToken);
        return status.Invoice!;
    }

    /// <summary>Polls the close until <paramref name="until"/> holds; a failed close throws with its reason.</summary>
    public async Task<CloseStatus> WaitForCloseStatusAsync(CycleRequest cycle, TimeSpan timeout, Func<CloseStatus, bool> until, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await GetCloseAsync(cycle, cancellationToken);
            if (until(status))
            {
                return status;
            }

            if (status.RuntimeStatus is "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"The close {cycle.InstanceId} ended {status.RuntimeStatus}: {status.Failure}");
            }

            if (DateTime.UtcNow > deadline)
            {
                var held = status.AwaitingTaxData is { } hold ? $", awaiting tax data: {string.Join("; ", hold.Missing)}" : "";
                throw new TimeoutException($"The close {cycle.InstanceId} is still {status.RuntimeStatus} ({status.CustomStatus}{held}) after {timeout}.");
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

    /// <summary><c>GET api/cdr-files/{name}</c>: every version of a dropped file, newest first.</summary>
    public Task<IReadOnlyList<CdrFileStatus>> GetCdrFileAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CdrFileStatus>>(HttpMethod.Get, "api/cdr-files/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)), cancellationToken);

    /// <summary><c>POST api/maintenance/identity-backfill</c>: the identity rows of usage billed before identities were kept.</summary>
    public async Task<IdentityBackfillSummary> BackfillIdentitiesAsync(string? accountId, CancellationToken cancellationToken)
    {
        var total = await BackfillIdentitiesAsync(new IdentityBackfillRequest(AccountId: accountId), cancellationToken);
        while (total.ContinuationToken is { } cursor)
        {
            total = total.Plus(await BackfillIdentitiesAsync(new IdentityBackfillRequest(cursor, AccountId: accountId), cancellationToken));
        }

        return total;
    }

    /// <summary>One call of the backfill: at most <see cref="IdentityBackfillRequest.Pages"/> ledger pages from the cursor.</summary>
    public Task<IdentityBackfillSummary> BackfillIdentitiesAsync(IdentityBackfillRequest request, CancellationToken cancellationToken) =>
        ReadAsync<IdentityBackfillSummary>(HttpMethod.Post, "api/maintenance/identity-backfill", request, cancellationToken);

    /// <summary><c>GET api/quarantine/{source}</c>, page after page: every record the source holds.</summary>
    public Task<IReadOnlyList<QuarantinedRecord>> ListQuarantineAsync(string source, CancellationToken cancellationToken) =>
        ReadAllPagesAsync<QuarantinedRecord>($"api/quarantine/{Uri.EscapeDataString(source)}", cancellationToken);

    /// <summary>Follows <c>next_cursor</c> from the first page of a list route to its last, at the largest page size.</summary>
    private async Task<IReadOnlyList<T>> ReadAllPagesAsync<T>(string path, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var query = $"?limit={Paging.PageRequest.MaxLimit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await ReadAsync<Functions.Http.ListResponse<T>>(HttpMethod.Get, path + query, cancellationToken);
            items.AddRange(page.Data);
            cursor = page.HasMore ? page.NextCursor : null;
        }
        while (cursor is not null);

        return items;
    }

    public Task<ReplaySummary> ReplayQuarantineAsync(string source, CancellationToken cancellationToken) =>
        ReplayQuarantineAsync(source, [], cancellationToken);

    /// <summary><c>POST api/quarantine/{source}/replay?reference=...</c>: only the named records (none named: the whole source).</summary>
    public Task<ReplaySummary> ReplayQuarantineAsync(string source, IReadOnlyList<string> references, CancellationToken cancellationToken) =>
        ReadAsync<ReplaySummary>(
            HttpMethod.Post,
            $"api/quarantine/{Uri.EscapeDataString(source)}/replay"
                + (references.Count == 0 ? "" : "?" + string.Join("&", references.Select(r => "reference=" + Uri.EscapeDataString(r)))),
            cancellationToken);

    /// <summary><c>POST api/quarantine/{source}/resolve</c>: a person's decision about one held record.</summary>
    public Task<ResolvedHold> ResolveQuarantineAsync(string source, HoldDecision decision, CancellationToken cancellationToken) =>
        ReadAsync<ResolvedHold>(HttpMethod.Post, $"api/quarantine/{Uri.EscapeDataString(source)}/resolve", decision, cancellationToken);

    /// <summary><c>POST api/accounts/{account}/invoices/{invoice}/credit-notes</c>: the note issued, or the one the key issued before.</summary>
    public Task<IssuedCreditNote> IssueCreditNoteAsync(string accountId, string invoiceId, CreditNoteRequest request, CancellationToken cancellationToken) =>
        ReadAsync<IssuedCreditNote>(HttpMethod.Post, CreditNotesPath(accountId, invoiceId), request, cancellationToken);

    public Task<IReadOnlyList<CreditNote>> ListCreditNotesAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CreditNote>>(HttpMethod.Get, CreditNotesPath(accountId, invoiceId), cancellationToken);

    /// <summary><c>POST api/accounts/{account}/periods/{start}/rerate[?runId=]</c>.</summary>
    public Task<RerateOutcome> RerateAsync(CycleRequest period, string? runId, CancellationToken cancellationToken) =>
        ReadAsync<RerateOutcome>(HttpMethod.Post,
            $"api/accounts/{Uri.EscapeDataString(period.AccountId)}/periods/{Uri.EscapeDataString(period.PeriodStart)}/rerate"
            + (runId is null ? "" : "?runId=" + Uri.EscapeDataString(runId)), cancellationToken);

    /// <summary><c>POST api/accounts/{account}/portal-links</c>: a signed link that opens the customer portal for the account.</summary>
    public Task<Functions.Portal.IssuedPortalLink> IssuePortalLinkAsync(string accountId, CancellationToken cancellationToken) =>
        ReadAsync<Functions.Portal.IssuedPortalLink>(HttpMethod.Post, $"api/accounts/{Uri.EscapeDataString(accountId)}/portal-links", cancellationToken);

    /// <summary><c>PUT api/accounts/{account}/payment-method</c>: the gateway's payment method becomes the account's default.</summary>
    public Task<PaymentProfile> SetPaymentMethodAsync(string accountId, string paymentMethodId, CancellationToken cancellationToken) =>
        SetPaymentMethodAsync(accountId, paymentMethodId, gateway: null, cancellationToken);

    /// <summary><c>PUT api/accounts/{account}/payment-method</c> at a named gateway (<c>stripe</c>, <c>authorizenet</c>); null keeps the account's.</summary>
    public Task<PaymentProfile> SetPaymentMethodAsync(string accountId, string paymentMethodId, string? gateway, CancellationToken cancellationToken) =>
        ReadAsync<PaymentProfile>(HttpMethod.Put, $"api/accounts/{Uri.EscapeDataString(accountId)}/payment-method", new { paymentMethodId, gateway }, cancellationToken);

    /// <summary><c>POST api/accounts/{account}/invoices/{invoice}/payments</c>: a cheque or wire received.</summary>
    public Task<PaymentHistoryView> RecordOfflinePaymentAsync(string accountId, string invoiceId, OfflinePaymentRequest payment, CancellationToken cancellationToken) =>
        ReadAsync<PaymentHistoryView>(HttpMethod.Post, $"{InvoicePath(accountId, invoiceId)}/payments", payment, cancellationToken);

    /// <summary><c>GET api/accounts/{account}/invoices/{invoice}</c>: the invoice and its payment history.</summary>
    public Task<InvoiceView> GetInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        ReadAsync<InvoiceView>(HttpMethod.Get, InvoicePath(accountId, invoiceId), cancellationToken);

    /// <summary><c>GET api/reports/ar-aging?asOf=</c>.</summary>
    public Task<AgingReport> GetAgingAsync(LocalDate? asOf, CancellationToken cancellationToken) =>
        ReadAsync<AgingReport>(HttpMethod.Get, "api/reports/ar-aging" + (asOf is { } date ? $"?asOf={date:yyyy-MM-dd}" : ""), cancellationToken);

    public Task<TaxTableListing> ListTaxTablesAsync(CancellationToken cancellationToken) =>
        ReadAsync<TaxTableListing>(HttpMethod.Get, "api/tax-tables", cancellationToken);

    /// <summary><c>GET api/tax-tables/{name}</c>: the document in force of that name (stored, else shipped).</summary>
    public async Task<byte[]> GetTaxTableAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tax-tables/{Uri.EscapeDataString(name)}");
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary><c>PUT api/tax-tables/{name}</c> with the document's exact bytes; a rejected table throws with the problems naming each rule.</summary>
    public Task<TaxTableStored> PutTaxTableAsync(string name, byte[] document, CancellationToken cancellationToken) =>
        PutTaxTableAsync(name, new ByteArrayContent(document), cancellationToken);

    /// <summary>The same, sending the document as it is read from <paramref name="document"/> (a file being uploaded).</summary>
    public Task<TaxTableStored> PutTaxTableAsync(string name, Stream document, CancellationToken cancellationToken) =>
        PutTaxTableAsync(name, new StreamContent(document), cancellationToken);

    private async Task<TaxTableStored> PutTaxTableAsync(string name, HttpContent document, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tax-tables/{Uri.EscapeDataString(name)}");
        request.Headers.Add("x-functions-key", functionKey);
        request.Content = document;
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"PUT tax table '{name}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var accepted = await response.Content.ReadFromJsonAsync<Functions.Api.TaxTableAccepted>(BillingJson.Options, cancellationToken)
            ?? throw new HttpRequestException($"PUT tax table '{name}' answered no body.");
        return new TaxTableStored(accepted.Name, accepted.Rules, accepted.Jurisdictions, accepted.ClosesWoken, response.Headers.ETag?.Tag.Trim('"'));
    }

    /// <summary>A stored tax table as <c>PUT /api/tax-tables/{name}</c> answers it, with the document's new version (its <c>ETag</c>).</summary>
    public sealed record TaxTableStored(string Name, int Rules, int Jurisdictions, int ClosesWoken, string? Version);

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

    /// <summary><c>GET api/health/details</c>; an unhealthy host answers 503 with the same report.</summary>
    public async Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health/details");
        request.Headers.Add("x-functions-key", functionKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
        {
            throw new HttpRequestException($"GET api/health/details answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<HealthReport>(BillingJson.Options, cancellationToken)
            ?? throw new HttpRequestException("GET api/health/details answered with an empty body.");
    }

    private static string InvoicePath(string accountId, string invoiceId) =>
        $"api/accounts/{Uri.EscapeDataString(accountId)}/invoices/{Uri.EscapeDataString(invoiceId)}";

    private static string CreditNotesPath(string accountId, string invoiceId) =>
        $"api/accounts/{Uri.EscapeDataString(accountId)}/invoices/{Uri.EscapeDataString(invoiceId)}/credit-notes";

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

    private Task<T> ReadAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken) => ReadAsync<T>(method, path, null, cancellationToken);

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
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

        return await response.Content.ReadFromJsonAsync<T>(BillingJson.Options, cancellationToken)
            ?? throw new HttpRequestException($"{method} {path} answered with an empty body.");
    }

    /// <summary>What the credit-note route answers: the note, its total and where its documents are.</summary>
    public sealed record IssuedCreditNote(CreditNote CreditNote, decimal Total, string JsonDocument, string PdfDocument);

    /// <summary>A close as <c>GET api/cycles/{account}/{periodStart}</c> reports it.</summary>
    /// <param name="CustomStatus">The step: <c>closing</c> (the one activity of a close nothing holds), <c>drafting</c>, <c>awaitingTaxData</c>, <c>numbering</c>, ... <c>finalized</c>.</param>
    public sealed record CloseStatus(
        string RuntimeStatus,
        string? CustomStatus,
        InvoiceSummary? Invoice,
        IReadOnlyList<Tax.TaxNotice>? TaxNotices,
        TaxDataHold? AwaitingTaxData,
        string? Failure);
}
