using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Checks the Functions app's generated functions.metadata: what Azure will wire up, trigger by trigger.</summary>
public class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray().ToArray());

    public static TheoryData<string, string, string?, string?, string?> Triggers => new()
    {
        // name, trigger type, route / queue / path / schedule, connection setting, blob source
        { "TwilioWebhook", "httpTrigger", "webhooks/twilio", null, null },
        { "RetellWebhook", "httpTrigger", "webhooks/retell", null, null },
        { "ElevenLabsWebhook", "httpTrigger", "webhooks/elevenlabs", null, null },
        { "VapiWebhook", "httpTrigger", "webhooks/vapi", null, null },
        { "TelnyxWebhook", "httpTrigger", "webhooks/telnyx", null, null },
        { "UsageEventsWebhook", "httpTrigger", "webhooks/events", null, null },
        { "StripeWebhook", "httpTrigger", "webhooks/stripe", null, null },
        { "AuthorizeNetWebhook", "httpTrigger", "webhooks/authorizenet", null, null },
        { "IngestCdrDrop", "blobTrigger", "cdr-drops/{name}", "BillingStorage", "EventGrid" },
        { "RateUsage", "queueTrigger", "rating", "BillingStorage", null },
        { "CloseCycle", "orchestrationTrigger", null, null, null },
        { "CloseInvoice", "activityTrigger", null, null, null },
        { "DraftAndNumberInvoice", "activityTrigger", null, null, null }, // also where a held or failing close goes on, and closes started with two
        { "IssueInvoice", "activityTrigger", null, null, null },
        { "RecordCloseFailed", "activityTrigger", null, null, null },
        { "DraftInvoice", "activityTrigger", null, null, null }, // kept for closes started before the two-activity sequence
        { "AssignInvoiceNumber", "activityTrigger", null, null, null },
        { "FinalizeInvoice", "activityTrigger", null, null, null },
        { "StartCollection", "activityTrigger", null, null, null },
        { "StartCycleClose", "httpTrigger", "cycles/{accountId}/{periodStart}/close", null, null },
        { "RetryCycleClose", "httpTrigger", "cycles/{accountId}/{periodStart}/retry", null, null },
        { "GetCycleClose", "httpTrigger", "cycles/{accountId}/{periodStart}", null, null },
        { "CloseDueCycles", "timerTrigger", "%CycleCloseSchedule%", null, null },
        { "PublishDomainEvents", "timerTrigger", "%OutboxPublishSchedule%", null, null },
        { "AuthorizeNetSettlementCheck", "timerTrigger", "%AuthorizeNetSettlementSchedule%", null, null },
        { "PutAccount", "httpTrigger", "accounts/{accountId}", null, null },
        { "GetAccount", "httpTrigger", "accounts/{accountId}", null, null },
        { "ListAccounts", "httpTrigger", "accounts", null, null },
        { "PutAccountNumber", "httpTrigger", "accounts/{accountId}/numbers/{number}", null, null },
        { "ListAccountNumbers", "httpTrigger", "accounts/{accountId}/numbers", null, null },
        { "PutAccountAgent", "httpTrigger", "accounts/{accountId}/agents/{vendor}/{agentId}", null, null },
        { "ListAccountAgents", "httpTrigger", "accounts/{accountId}/agents", null, null },
        { "PutPlan", "httpTrigger", "plans/{planId}", null, null },
        { "GetPlan", "httpTrigger", "plans/{planId}", null, null },
        { "ListPlans", "httpTrigger", "plans", null, null },
        { "ListQuarantine", "httpTrigger", "quarantine/{source}", null, null },
        { "ReplayQuarantine", "httpTrigger", "quarantine/{source}/replay", null, null },
        { "ResolveQuarantine", "httpTrigger", "quarantine/{source}/resolve", null, null },
        { "GetIngestCounters", "httpTrigger", "ingest/counters", null, null },
        { "GetCdrFile", "httpTrigger", "cdr-files/{*name}", null, null },
        { "RerateUsage", "httpTrigger", "accounts/{accountId}/periods/{periodStart}/rerate", null, null },
        { "RerateAllUsage", "httpTrigger", "periods/{date}/rerate", null, null },
        { "BackfillEventIdentities", "httpTrigger", "maintenance/identity-backfill", null, null },
        { "BackfillSourceIndex", "httpTrigger", "maintenance/source-index-backfill", null, null },
        { "GetHealth", "httpTrigger", "health", null, null },
        { "GetHealthDetails", "httpTrigger", "health/details", null, null },
        { "IssueCreditNote", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/credit-notes", null, null },
        { "ListCreditNotes", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/credit-notes", null, null },
        { "ListAccountCreditNotes", "httpTrigger", "accounts/{accountId}/credit-notes", null, null },
        { "DownloadInvoiceDocument", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/documents/{kind}", null, null },
        { "DownloadCreditNoteDocument", "httpTrigger", "accounts/{accountId}/credit-notes/{creditNoteId}/documents/{kind}", null, null },
        { "GetInvoiceDocumentLinks", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/links", null, null },
        { "GetCreditNoteDocumentLinks", "httpTrigger", "accounts/{accountId}/credit-notes/{creditNoteId}/links", null, null },
        { "GetInvoiceDocumentLink", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/documents/{kind}/link", null, null },
        { "GetCreditNoteDocumentLink", "httpTrigger", "accounts/{accountId}/credit-notes/{creditNoteId}/documents/{kind}/link", null, null },
        { "ListRatedCalls", "httpTrigger", "accounts/{accountId}/periods/{periodStart}/usage", null, null },
        { "GetUsageMargin", "httpTrigger", "accounts/{accountId}/periods/{periodStart}/margin", null, null },
        { "GetCurrentUsage", "httpTrigger", "accounts/{accountId}/usage/current", null, null },
        { "GetUpcomingInvoice", "httpTrigger", "accounts/{accountId}/upcoming-invoice", null, null },
        { "CollectInvoice", "orchestrationTrigger", null, null, null },
        { "OpenCollection", "activityTrigger", null, null, null },
        { "ReadCollection", "activityTrigger", null, null, null },
        { "ChargeInvoice", "activityTrigger", null, null, null },
        { "ApplyDunningStep", "activityTrigger", null, null, null },
        { "StartLateFeeCollection", "activityTrigger", null, null, null },
        { "GetInvoice", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}", null, null },
        { "ListAccountInvoices", "httpTrigger", "accounts/{accountId}/invoices", null, null },
        { "ListInvoices", "httpTrigger", "invoices", null, null },
        { "ListAccountPayments", "httpTrigger", "accounts/{accountId}/payments", null, null },
        { "ListPayments", "httpTrigger", "payments", null, null },
        { "RecordOfflinePayment", "httpTrigger", "accounts/{accountId}/invoices/{invoiceId}/payments", null, null },
        { "PutPaymentMethod", "httpTrigger", "accounts/{accountId}/payment-method", null, null },
        { "ImportPaymentMigration", "httpTrigger", "payment-migrations", null, null },
        { "GetPaymentMigration", "httpTrigger", "payment-migrations/{importId}", null, null },
        { "GetReceivablesAging", "httpTrigger", "reports/ar-aging", null, null },
        { "ListTaxTables", "httpTrigger", "tax-tables", null, null },
        { "GetTaxTable", "httpTrigger", "tax-tables/{name}", null, null },
        { "PutTaxTable", "httpTrigger", "tax-tables/{name}", null, null },
        { "GetForm499Worksheet", "httpTrigger", "tax-reports/form-499a/{year}", null, null },
        { "GetUsfRecoveryReport", "httpTrigger", "tax-reports/usf-recovery/{year}", null, null },
        { "GetTaxLiabilityReport", "httpTrigger", "tax-reports/tax-liability/{year}", null, null },
        { "GetOpenApiDocument", "httpTrigger", "openapi.json", null, null },
        { "GetApiReference", "httpTrigger", "docs", null, null },
        { "PutCostPlan", "httpTrigger", "cost-plans/{vendor}/{product}", null, null },
        { "GetCostPlan", "httpTrigger", "cost-plans/{vendor}/{product}", null, null },
        { "ImportCostPlanPriceList", "httpTrigger", "cost-plans/{vendor}/{product}/price-list", null, null },
        { "ImportStatement", "httpTrigger", "reconciliations/{vendor}/{month}", null, null },
        { "GetReconciliation", "httpTrigger", "reconciliations/{vendor}/{month}", null, null },
        { "IssueApiKey", "httpTrigger", "api-keys", null, null },
        { "ListApiKeys", "httpTrigger", "api-keys", null, null },
        { "RevokeApiKey", "httpTrigger", "api-keys/{keyId}", null, null },
        { "ReconcileStatement", "orchestrationTrigger", null, null, null },
        { "ReconcileStatementPage", "activityTrigger", null, null, null },
        { "CompleteReconciliation", "activityTrigger", null, null, null },
        { "ScanLedgerForUnlistedCalls", "activityTrigger", null, null, null },
        { "CreateWebhookEndpoint", "httpTrigger", "webhooks-out/endpoints", null, null },
        { "ListWebhookEndpoints", "httpTrigger", "webhooks-out/endpoints", null, null },
        { "GetWebhookEndpoint", "httpTrigger", "webhooks-out/endpoints/{endpointId}", null, null },
        { "UpdateWebhookEndpoint", "httpTrigger", "webhooks-out/endpoints/{endpointId}", null, null },
        { "DeleteWebhookEndpoint", "httpTrigger", "webhooks-out/endpoints/{endpointId}", null, null },
        { "RotateWebhookSecret", "httpTrigger", "webhooks-out/endpoints/{endpointId}/rotate-secret", null, null },
        { "ListWebhookLog", "httpTrigger", "webhooks-out/endpoints/{endpointId}/log", null, null },
        { "RedeliverWebhook", "httpTrigger", "webhooks-out/endpoints/{endpointId}/deliveries/{deliveryId}/redeliver", null, null },
        { "DeliverWebhook", "queueTrigger", "webhook-deliveries", "BillingStorage", null },
        { "IssuePortalLink", "httpTrigger", "accounts/{accountId}/portal-links", null, null },
        { "RevokePortalLinks", "httpTrigger", "accounts/{accountId}/portal-links", null, null },
        { "RedeemPortalLink", "httpTrigger", "portal/enter", null, null },
        { "GetPortalOverview", "httpTrigger", "portal", null, null },
        { "GetPortalInvoices", "httpTrigger", "portal/invoices", null, null },
        { "GetPortalUsage", "httpTrigger", "portal/usage", null, null },
        { "GetPortalLocations", "httpTrigger", "portal/locations", null, null },
        { "PortalSignOut", "httpTrigger", "portal/sign-out", null, null },
        { "GetPortalPayments", "httpTrigger", "portal/payment-methods", null, null },
        { "StartPortalPaymentMethod", "httpTrigger", "portal/payment-methods", null, null },
        { "StartPortalPayment", "httpTrigger", "portal/payments", null, null },
        { "ReturnFromPortalCheckout", "httpTrigger", "portal/checkout-return", null, null },
        { "DownloadPortalInvoice", "httpTrigger", "portal/invoices/{invoiceId}/{kind}", null, null },
        { "DownloadPortalCreditNote", "httpTrigger", "portal/credit-notes/{creditNoteId}/{kind}", null, null },
        { "GetPortalAsset", "httpTrigger", "portal/assets/{name}", null, null },
        { "GetConsoleSignIn", "httpTrigger", "console/sign-in", null, null },
        { "ConsoleSignIn", "httpTrigger", "console/sign-in", null, null },
        { "ConsoleSignOut", "httpTrigger", "console/sign-out", null, null },
        { "GetConsoleDashboard", "httpTrigger", "console", null, null },
        { "GetConsoleQuarantine", "httpTrigger", "console/quarantine/{source}", null, null },
        { "ConsoleReplayQuarantine", "httpTrigger", "console/quarantine/{source}/replay", null, null },
        { "ConsoleRetryClose", "httpTrigger", "console/closes/{accountId}/{periodStart}/retry", null, null },
        { "GetConsoleAccounts", "httpTrigger", "console/accounts", null, null },
        { "GetConsoleAccount", "httpTrigger", "console/accounts/{accountId}", null, null },
        { "ConsoleIssuePortalLink", "httpTrigger", "console/accounts/{accountId}/portal-link", null, null },
        { "GetConsoleQuoteForm", "httpTrigger", "console/quotes", null, null },
        { "ConsoleQuote", "httpTrigger", "console/quotes", null, null },
        { "ConsoleQuotePdf", "httpTrigger", "console/quotes/pdf", null, null },
        { "ConsoleOpenAccountFromQuote", "httpTrigger", "console/quotes/account", null, null },
        { "GetConsoleTaxTable", "httpTrigger", "console/tax-tables/{name}", null, null },
        { "ConsoleUploadTaxTable", "httpTrigger", "console/tax-tables/{name}", null, null },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Function_IsWiredAsExpected(string name, string type, string? target, string? connection, string? source)
    {
        var trigger = TriggerOf(Functions.Value.Single(f => f.GetProperty("name").GetString() == name));

        trigger.GetProperty("type").GetString().ShouldBe(type);
        Optional(trigger, "route", "queueName", "path", "schedule").ShouldBe(target);
        Optional(trigger, "connection").ShouldBe(connection);
        Optional(trigger, "source").ShouldBe(source);
    }

    [Fact]
    public void Metadata_HasNoFunctionThisTestDoesNotKnow() =>
        Functions.Value.Select(f => f.GetProperty("name").GetString()).Order()
            .ShouldBe(Triggers.Select(row => (string)row[0]).Order());

    /// <summary>The platform's function keys have no scopes, so every route is anonymous to it and the app checks keys itself
    /// (ApiKeyGate); of those, vendor webhooks verify their own signatures, the API's description is public, the platform's
    /// health check sends no key, the customer portal's and the reseller console's pages sign in by their own session cookies, and
    /// everything else takes a key.</summary>
    [Fact]
    public void HttpFunctions_AreAnonymousToThePlatform_AndOnlyWebhooksTheApiDescriptionTheHealthCheckAndThePortalAreOpenToAll()
    {
        foreach (var function in HttpFunctions())
        {
            function.AuthLevel.ShouldBe("Anonymous", function.Name);
        }

        foreach (var operation in ServerlessBilling.Functions.Http.OpenApi.HttpOperation.All)
        {
            var portal = operation.Route is "portal" or "console" || operation.Route.StartsWith("portal/", StringComparison.Ordinal)
                || operation.Route.StartsWith("console/", StringComparison.Ordinal);
            var open = operation.Route.StartsWith("webhooks/", StringComparison.Ordinal) || portal || operation.Route is "openapi.json" or "docs" or "health";
            operation.RequiresKey.ShouldBe(!open, operation.Name);
        }
    }

    /// <summary>Every HTTP function with its methods, as the metadata declares them: name, "POST", route, auth level.</summary>
    public static IEnumerable<(string Name, string Method, string Route, string AuthLevel)> HttpFunctions() =>
        Functions.Value.Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: TriggerOf(f)))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(f => f.Trigger.GetProperty("methods").EnumerateArray().Select(m => (
                f.Name, m.GetString()!.ToUpperInvariant(), f.Trigger.GetProperty("route").GetString()!, f.Trigger.GetProperty("authLevel").GetString()!)));

    /// <summary>Every HTTP function, as the metadata declares it: "POST api/webhooks/twilio".</summary>
    public static IEnumerable<string> HttpRoutes() =>
        Functions.Value.Select(TriggerOf)
            .Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(t => t.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} api/{t.GetProperty("route").GetString()}"));

    /// <summary>The same for the local host's endpoints.</summary>
    public static IEnumerable<string> LocalHostRoutes(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText![1..]}"));

    private static JsonElement TriggerOf(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static string? Optional(JsonElement element, params string[] names) =>
        names.Select(n => element.TryGetProperty(n, out var value) ? value.GetString() : null).FirstOrDefault(v => v is not null);
}
