using System.Diagnostics;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.IntegrationTests.Payments;
using ServerlessBilling.Payments;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The metrics and spans a close and its collection emit through the real flow (the durable engine, Stripe.net against the
/// Stripe-shaped test server, Azurite), as OpenTelemetry's in-memory exporters receive them: charges by outcome and decline class,
/// dunning steps, the close and its invoice; each charge and dunning step once in the invoice's trace despite the orchestrator's
/// replays, and its Stripe and Storage calls as dependency spans under it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BillingMetricsTests(MeteredPaymentsHost app) : IClassFixture<MeteredPaymentsHost>
{
    [Fact]
    public async Task CloseAndCollection_TwoDeclinesThenPaid_CountsEachChargeDunningStepAndTheClose()
    {
        var (invoice, before, after) = await CloseAndCollectAsync("metrics");

        double Delta(string instrument, params (string Key, string Value)[] dimensions) =>
            after.Sum(instrument, dimensions) - before.Sum(instrument, dimensions);
        Delta(TelemetryNames.Charges, ("gateway", "stripe"), ("outcome", "declined"), ("decline", "retry_later")).ShouldBe(2);
        Delta(TelemetryNames.Charges, ("gateway", "stripe"), ("outcome", "succeeded"), ("decline", "none")).ShouldBe(1);
        Delta(TelemetryNames.Charges).ShouldBe(3);
        // Each retry is announced, then the customer reminded ten seconds before it (the paced policy's reminder lead).
        Delta(TelemetryNames.DunningSteps, ("step", "retryscheduled")).ShouldBe(2);
        Delta(TelemetryNames.DunningSteps, ("step", "reminder")).ShouldBe(2);
        Delta(TelemetryNames.DunningSteps).ShouldBe(4);
        Delta(TelemetryNames.Closes, ("outcome", "started")).ShouldBe(1);
        Delta(TelemetryNames.Closes, ("outcome", "completed")).ShouldBe(1);
        Delta(TelemetryNames.Closes, ("outcome", "failed")).ShouldBe(0);
        Delta(TelemetryNames.CloseDuration).ShouldBe(1);
        Delta(TelemetryNames.Invoices, ("currency", "USD")).ShouldBe(1);
        Delta(TelemetryNames.AmountBilled, ("currency", "USD")).ShouldBe(50.00);
        invoice.Total.ShouldBe(50.00m);
    }

    [Fact]
    public async Task CloseAndCollection_TwoDeclinesThenPaid_EachChargeAndDunningStepIsOneSpanWithItsCallsAsDependencies()
    {
        var (invoice, _, _) = await CloseAndCollectAsync("spans");
        var trace = InvoiceTrace.TraceIdOf(invoice.InvoiceId);

        var spans = app.Spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        var charges = spans.Where(s => s.OperationName == PaymentActivities.ChargeInvoice).OrderBy(s => s.StartTimeUtc).ToList();
        charges.Select(s => (Tag(s, TelemetryTags.Attempt), Tag(s, "billing.charge_status"), Tag(s, TelemetryTags.Invoice))).ShouldBe(
        [
            ("1", nameof(ChargeAttemptStatus.DeclinedRetryLater), invoice.InvoiceId),
            ("2", nameof(ChargeAttemptStatus.DeclinedRetryLater), invoice.InvoiceId),
            ("3", nameof(ChargeAttemptStatus.Succeeded), invoice.InvoiceId),
        ]);
        spans.Where(s => s.OperationName == PaymentActivities.ApplyDunningStep).OrderBy(s => s.StartTimeUtc).Select(s => Tag(s, "billing.dunning_step")).ShouldBe(
            [nameof(DunningStepKind.RetryScheduled), nameof(DunningStepKind.Reminder), nameof(DunningStepKind.RetryScheduled), nameof(DunningStepKind.Reminder)]);

        // Each charge called Stripe once (a POST to the payment intents) and Storage around it, both HTTP client spans under the step.
        var stripePort = app.Stripe.ApiBase.Port;
        foreach (var charge in charges)
        {
            var calls = spans.Where(s => s.ParentSpanId == charge.SpanId && s.Kind == ActivityKind.Client).ToList();
            calls.Where(s => Port(s) == stripePort).Select(s => (Tag(s, "http.request.method"), new Uri(Tag(s, "url.full")!).AbsolutePath))
                .ShouldBe([("POST", "/v1/payment_intents")], Tag(charge, TelemetryTags.Attempt));
            calls.Where(s => Port(s) != stripePort).ShouldNotBeEmpty();
            calls.Where(s => Port(s) != stripePort).ShouldAllBe(s => new Uri(Tag(s, "url.full")!).AbsolutePath.StartsWith("/devstoreaccount1/", StringComparison.Ordinal));
        }
    }

    /// <summary>An account whose card is declined twice (insufficient funds) and then charged; its August close, collected to the end,
    /// with the metrics exported just before the close and after the collection.</summary>
    private async Task<(InvoiceSummary Invoice, ExportedMetrics Before, ExportedMetrics After)> CloseAndCollectAsync(string prefix)
    {
        var method = $"pm_{prefix}_{Guid.NewGuid():N}"[..24];
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Succeed());
        var account = await app.SeedAsync(prefix, Paced, method);
        var before = app.Collect();

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(new CollectionRequest(invoice.AccountId, invoice.InvoiceId).CollectionId);

        result.Paid.ShouldBeTrue();
        return (invoice, before, app.Collect());
    }

    /// <summary>Retries 20 and 40 seconds after the first failure, reminded 10 seconds ahead: a step is skipped when its moment has
    /// passed before the orchestration wakes (a charge due now is made, not announced), so the gaps leave a loaded machine room to
    /// take every step the counts expect.</summary>
    private static readonly DunningPolicy Paced = PaymentsHost.FastPolicy with
    {
        RetryDelays = [NodaTime.Duration.FromSeconds(20), NodaTime.Duration.FromSeconds(40)],
        ReminderLead = NodaTime.Duration.FromSeconds(10),
    };

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    private static int? Port(Activity span) => span.GetTagItem("server.port") is int port ? port : null;
}
