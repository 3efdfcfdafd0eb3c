using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Api;
using ServerlessBilling.Functions.Cycle;
using ServerlessBilling.Functions.Ingest;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Functions.Rating;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The Functions app's HTTP routes, each calling the function method itself. A test compares this table with the build's functions.metadata.</summary>
public static class FunctionRoutes
{
    public static void MapFunctionRoutes(this WebApplication app, string apiKey)
    {
        var api = app.MapGroup("/api");

        // Anonymous in Azure too: vendors authenticate with signatures.
        api.MapPost(TwilioWebhookFunction.Route, (HttpRequest r, TwilioWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(RetellWebhookFunction.Route, (HttpRequest r, RetellWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(ElevenLabsWebhookFunction.Route, (HttpRequest r, ElevenLabsWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(VapiWebhookFunction.Route, (HttpRequest r, VapiWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(TelnyxWebhookFunction.Route, (HttpRequest r, TelnyxWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(BillingEventsWebhookFunction.Route, (HttpRequest r, BillingEventsWebhookFunction f, CancellationToken ct) => f.Run(r, ct));
        api.MapPost(StripeWebhookFunction.Route,
            (HttpRequest r, StripeWebhookFunction f, DurableTaskClient client, CancellationToken ct) => f.Run(r, client, ct));
        api.MapPost(AuthorizeNetWebhookFunction.Route,
            (HttpRequest r, AuthorizeNetWebhookFunction f, DurableTaskClient client, CancellationToken ct) => f.Run(r, client, ct));

        // Function-level authorization in Azure: the same x-functions-key header (or ?code=) here.
        var managed = api.MapGroup("").AddEndpointFilter(new FunctionKeyFilter(apiKey));
        managed.MapPut("plans/{planId}", (HttpRequest r, string planId, PlansApi f, CancellationToken ct) => f.Put(r, planId, ct));
        managed.MapGet("plans/{planId}", (HttpRequest r, string planId, PlansApi f, CancellationToken ct) => f.Get(r, planId, ct));
        managed.MapPut("accounts/{accountId}", (HttpRequest r, string accountId, AccountsApi f, CancellationToken ct) => f.Put(r, accountId, ct));
        managed.MapGet("accounts/{accountId}", (HttpRequest r, string accountId, AccountsApi f, CancellationToken ct) => f.Get(r, accountId, ct));
        managed.MapPut("accounts/{accountId}/numbers/{number}",
            (HttpRequest r, string accountId, string number, AccountsApi f, CancellationToken ct) => f.PutNumber(r, accountId, number, ct));
        managed.MapGet("accounts/{accountId}/numbers",
            (HttpRequest r, string accountId, AccountsApi f, CancellationToken ct) => f.ListNumbers(r, accountId, ct));
        managed.MapPut("accounts/{accountId}/agents/{vendor}/{agentId}",
            (HttpRequest r, string accountId, string vendor, string agentId, AgentsApi f, CancellationToken ct) => f.Put(r, accountId, vendor, agentId, ct));
        managed.MapGet("accounts/{accountId}/agents",
            (HttpRequest r, string accountId, AgentsApi f, CancellationToken ct) => f.List(r, accountId, ct));
        managed.MapGet("quarantine/{source}", (HttpRequest r, string source, QuarantineApi f, CancellationToken ct) => f.List(r, source, ct));
        managed.MapPost("quarantine/{source}/replay", (HttpRequest r, string source, QuarantineApi f, CancellationToken ct) => f.Replay(r, source, ct));
        managed.MapGet("ingest/counters", (HttpRequest r, IngestCountersApi f, CancellationToken ct) => f.Get(r, ct));
        managed.MapGet("cdr-files/{*name}", (HttpRequest r, string name, CdrFilesApi f, CancellationToken ct) => f.Get(r, name, ct));
        managed.MapPost("periods/{date}/rerate", (HttpRequest r, string date, UsageApi f, CancellationToken ct) => f.RerateAll(r, date, ct));
        managed.MapPost("accounts/{accountId}/periods/{periodStart}/rerate",
            (HttpRequest r, string accountId, string periodStart, UsageApi f, CancellationToken ct) => f.Rerate(r, accountId, periodStart, ct));
        managed.MapGet("accounts/{accountId}/periods/{periodStart}/margin",
            (HttpRequest r, string accountId, string periodStart, UsageApi f, CancellationToken ct) => f.Margin(r, accountId, periodStart, ct));
        managed.MapPost("accounts/{accountId}/invoices/{invoiceId}/credit-notes",
            (HttpRequest r, string accountId, string invoiceId, CreditNotesApi f, CancellationToken ct) => f.Issue(r, accountId, invoiceId, ct));
        managed.MapGet("accounts/{accountId}/invoices/{invoiceId}/credit-notes",
            (HttpRequest r, string accountId, string invoiceId, CreditNotesApi f, CancellationToken ct) => f.List(r, accountId, invoiceId, ct));
        managed.MapGet("tax-tables", (HttpRequest r, TaxTablesApi f, CancellationToken ct) => f.List(r, ct));
        managed.MapGet("tax-tables/{name}", (HttpRequest r, string name, TaxTablesApi f, CancellationToken ct) => f.Get(r, name, ct));
        managed.MapPut("tax-tables/{name}",
            (HttpRequest r, string name, TaxTablesApi f, DurableTaskClient client, CancellationToken ct) => f.Put(r, client, name, ct));
        managed.MapGet("tax-reports/form-499a/{year}", (HttpRequest r, string year, TaxReportsApi f, CancellationToken ct) => f.Form499(r, year, ct));
        managed.MapGet("tax-reports/usf-recovery/{year}", (HttpRequest r, string year, TaxReportsApi f, CancellationToken ct) => f.UsfRecovery(r, year, ct));
        managed.MapGet("tax-reports/tax-liability/{year}", (HttpRequest r, string year, TaxReportsApi f, CancellationToken ct) => f.Liability(r, year, ct));
        managed.MapPost("cycles/{accountId}/{periodStart}/close",
            (HttpRequest r, string accountId, string periodStart, CycleApi f, DurableTaskClient client, CancellationToken ct) =>
                f.Start(r, client, accountId, periodStart, ct));
        managed.MapGet("cycles/{accountId}/{periodStart}",
            (HttpRequest r, string accountId, string periodStart, CycleApi f, DurableTaskClient client, CancellationToken ct) =>
                f.Status(r, client, accountId, periodStart, ct));
        managed.MapGet("accounts/{accountId}/invoices/{invoiceId}",
            (HttpRequest r, string accountId, string invoiceId, PaymentsApi f, CancellationToken ct) => f.GetInvoice(r, accountId, invoiceId, ct));
        managed.MapPost("accounts/{accountId}/invoices/{invoiceId}/payments",
            (HttpRequest r, string accountId, string invoiceId, PaymentsApi f, DurableTaskClient client, CancellationToken ct) =>
                f.RecordOffline(r, client, accountId, invoiceId, ct));
        managed.MapPut("accounts/{accountId}/payment-method",
            (HttpRequest r, string accountId, PaymentsApi f, DurableTaskClient client, CancellationToken ct) => f.PutPaymentMethod(r, client, accountId, ct));
        managed.MapGet("reports/ar-aging", (HttpRequest r, PaymentsApi f, CancellationToken ct) => f.Aging(r, ct));
    }

    public static IServiceCollection AddFunctionClasses(this IServiceCollection services) => services
        .AddTransient<TwilioWebhookFunction>()
        .AddTransient<RetellWebhookFunction>()
        .AddTransient<ElevenLabsWebhookFunction>()
        .AddTransient<VapiWebhookFunction>()
        .AddTransient<TelnyxWebhookFunction>()
        .AddTransient<BillingEventsWebhookFunction>()
        .AddTransient<StripeWebhookFunction>()
        .AddTransient<AuthorizeNetWebhookFunction>()
        .AddTransient<AuthorizeNetSettlementCheckFunction>()
        .AddTransient<PlansApi>()
        .AddTransient<AccountsApi>()
        .AddTransient<AgentsApi>()
        .AddTransient<QuarantineApi>()
        .AddTransient<IngestCountersApi>()
        .AddTransient<CdrFilesApi>()
        .AddTransient<UsageApi>()
        .AddTransient<CreditNotesApi>()
        .AddTransient<CycleApi>()
        .AddTransient<PaymentsApi>()
        .AddTransient<TaxTablesApi>()
        .AddTransient<TaxReportsApi>()
        .AddTransient<CloseDueCyclesFunction>();

    private sealed class FunctionKeyFilter(string apiKey) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var request = context.HttpContext.Request;
            var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
            return presented is not null && CryptographicEquals(presented, apiKey)
                ? next(context)
                : ValueTask.FromResult<object?>(Results.Problem(title: "A valid x-functions-key is required", statusCode: StatusCodes.Status401Unauthorized));
        }

        private static bool CryptographicEquals(string a, string b) =>
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
    }
}
