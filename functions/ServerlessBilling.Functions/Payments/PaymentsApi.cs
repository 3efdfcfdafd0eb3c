using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Payments;

/// <summary>An invoice with its payment history, payments received outside the gateway, the account's payment method, and the AR aging report.</summary>
public sealed class PaymentsApi(IInvoiceStore invoices, IReceivables receivables, PaymentRecording recording, ReceivablesAging aging, TimeProvider clock)
{
    [ApiOperation("Invoices", "Read an invoice and its payments",
        Response = typeof(InvoiceWithPayments),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetInvoice")]
    public async Task<IResult> GetInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/invoices/{invoiceId}")] HttpRequest request,
        string accountId,
        string invoiceId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Invoice(invoiceId)) is { } refused)
        {
            return refused;
        }

        if (await invoices.FindAsync(accountId, invoiceId, cancellationToken) is not { } invoice)
        {
            return ProblemResults.NotFound($"Invoice '{invoiceId}' of account '{accountId}'");
        }

        var receivable = await receivables.FindAsync(invoiceId, cancellationToken);
        return Results.Ok(new InvoiceWithPayments(invoice, receivable is null ? null : PaymentHistory.Of(receivable)));
    }

    /// <summary><c>POST .../payments</c> records a cheque or wire: <c>{"key":"chq-1042","amount":120.50,"method":"cheque","reference":"1042"}</c>.</summary>
    [ApiOperation("Payments", "Record a cheque or wire",
        Request = typeof(OfflinePaymentRequest),
        Response = typeof(PaymentHistory),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"key":"chq-1042","amount":120.50,"method":"cheque","reference":"1042"}""")]
    [Function("RecordOfflinePayment")]
    public async Task<IResult> RecordOffline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/invoices/{invoiceId}/payments")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        string invoiceId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Invoice(invoiceId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadJsonAsync<OfflinePaymentRequest>(request, $"No payment recorded on '{invoiceId}'", cancellationToken);
        if (!read.TryGetValue(out var payment))
        {
            return ProblemResults.From(read.Problem!);
        }

        // The key names the payment's entry and any credit it leaves, so it follows the id grammar.
        if (payment.Key is { Length: > 0 } && RouteIds.Refuse(new ResourceIds.Named("key", payment.Key, IdRule.Id)) is { } badKey)
        {
            return badKey;
        }

        var recorded = await recording.RecordOfflineAsync(accountId, invoiceId, payment, new DurableCollections(client), cancellationToken);
        return recorded.ToResult(receivable => Results.Ok(PaymentHistory.Of(receivable)));
    }

    /// <summary><c>PUT .../payment-method</c> with <c>{"paymentMethodId":"pm_...","gateway":"stripe"}</c> (tokenized by the gateway's own page; the
    /// gateway is optional): the new default, charged at once for anything owed.</summary>
    [ApiOperation("Payments", "Set an account's payment method",
        Description = "A payment method tokenized by the gateway's own page; no card data reaches the API.",
        Request = typeof(PaymentMethodBody),
        Response = typeof(PaymentProfile),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.TooLarge],
        RequestExample = """{"paymentMethodId":"pm_card_visa","gateway":"stripe"}""",
        // The customer's own portal sets its card: the one write a customer key makes.
        Access = RouteAccess.AccountWrite)]
    [Function("PutPaymentMethod")]
    public async Task<IResult> PutPaymentMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{accountId}/payment-method")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadJsonAsync<PaymentMethodBody>(request, $"No payment method set on '{accountId}'", cancellationToken);
        if (!read.TryGetValue(out var body) || body is not { PaymentMethodId.Length: > 0 })
        {
            return ProblemResults.From(read.Problem ?? Problem.Invalid($"No payment method set on '{accountId}'", new RecordProblem("paymentMethodId", "is required")));
        }

        if (RouteIds.Refuse(new ResourceIds.Named("paymentMethodId", body.PaymentMethodId, IdRule.Id)) is { } badMethod)
        {
            return badMethod;
        }

        var set = await recording.SetPaymentMethodAsync(accountId, body.PaymentMethodId, body.Gateway, new DurableCollections(client), cancellationToken);
        return set.ToResult(account => Results.Ok(account.Payment));
    }

    /// <summary><c>GET /api/reports/ar-aging?asOf=2026-11-30&amp;format=csv</c>: open balances by days overdue at the end of <c>asOf</c> (UTC; default now).</summary>
    [ApiOperation("Payments", "Accounts receivable aging",
        Response = typeof(AgingReport),
        Csv = true,
        CsvExample = FileExamples.AgingCsv,
        Problems = [ProblemKind.Invalid],
        Query = ["asOf: the report's day (yyyy-MM-dd, UTC end of day); now when absent", "format: csv for text/csv"])]
    [Function("GetReceivablesAging")]
    public async Task<IResult> Aging(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/ar-aging")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var asOf = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (request.Query["asOf"] is { Count: > 0 } text)
        {
            var date = LocalDatePattern.Iso.Parse(text.ToString());
            if (!date.Success)
            {
                return ProblemResults.Invalid("No aging report", new RecordProblem("asOf", $"'{text}' is not a date like 2026-11-30"));
            }

            asOf = date.Value.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        var report = await aging.ReportAsync(asOf, cancellationToken);
        return string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(report.ToCsv(), "text/csv")
            : Results.Ok(report);
    }

    private sealed record PaymentMethodBody(string PaymentMethodId, string? Gateway = null);
}
