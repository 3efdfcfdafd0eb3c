using System.Globalization;
using System.Net;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.Usage;
using ServerlessBilling.Rating;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Invoices collected by real orchestrations: charges through Stripe.net against the Stripe-shaped test server,
/// dunning on durable timers of seconds, webhooks signed with the test's secret.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionScenarioTests(PaymentsHost app) : IClassFixture<PaymentsHost>
{
    [Fact]
    public async Task FirstCharge_Succeeds_PaysTheInvoiceWithOnePaymentIntentKeyedByInvoiceAndAttempt()
    {
        var account = await app.SeedAsync("paid", PaymentsHost.FastPolicy, Method("ok"));

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        var create = Creates(invoice).ShouldHaveSingleItem();
        (create.IdempotencyKey, create.Amount, create.Currency, create.Metadata("invoice_id"))
            .ShouldBe(($"invoice-{invoice.InvoiceId}-attempt-1", 5000L, "usd", invoice.InvoiceId));
        var payments = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        (payments.Status, payments.Paid, payments.BalanceDue).ShouldBe(("Paid", 50m, 0m));
        (await app.HasEventAsync(PaymentEvents.InvoicePaid, $"{invoice.InvoiceId}:0")).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoDeclines_ThenSuccessOnTheSecondRetry_EachRetryAnnouncedWithANewKey()
    {
        var method = Method("retry");
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Decline("try_again_later"), StripeOutcome.Succeed());
        var account = await app.SeedAsync("retry", PaymentsHost.FastPolicy, method);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).Select(c => c.IdempotencyKey).Distinct().ShouldBe(new[] { 1, 2, 3 }.Select(a => $"invoice-{invoice.InvoiceId}-attempt-{a}"));
        (await app.HasEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1")).ShouldBeTrue();
        (await app.HasEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:2")).ShouldBeTrue();
        var history = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        history.Entries.Select(e => (e.Attempt, e.Status)).ShouldBe(
            [(1, PaymentEntryStatus.Declined), (2, PaymentEntryStatus.Declined), (3, PaymentEntryStatus.Succeeded)]);
        foreach (var declined in history.Entries.Where(e => e.Status == PaymentEntryStatus.Declined))
        {
            (await app.HasEventAsync(PaymentEvents.PaymentFailed, $"{invoice.InvoiceId}:{declined.Id}")).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task StolenCard_IsNotRetried_AndANewCardIsChargedAtOnce()
    {
        var stolen = Method("stolen");
        app.Stripe.Script(stolen, StripeOutcome.Decline("stolen_card"));
        var account = await app.SeedAsync("stolen", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, stolen);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Entries.Any(e => e.Status == PaymentEntryStatus.Declined));
        await WaitForEventAsync(PaymentEvents.PaymentMethodRequired, $"{Collection(invoice)}:2");
        var replacement = Method("new-card");
        await app.Api.SetPaymentMethodAsync(account.Id, replacement, default);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).Select(c => (c.PaymentMethod, c.IdempotencyKey)).ShouldBe(
            [(stolen, $"invoice-{invoice.InvoiceId}-attempt-1"), (replacement, $"invoice-{invoice.InvoiceId}-attempt-2")]);
    }

    [Fact]
    public async Task NoPaymentMethod_TheCloseAsksForOne_TheCollectionBeginsWaiting_AndTheCardAddedLaterIsChargedAtOnce()
    {
        var account = await app.SeedAsync("nomethod", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, paymentMethodId: null);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        // Asked by the close as it issued the invoice, before its collection ran a step.
        (await app.HasEventAsync(PaymentEvents.PaymentMethodRequired, $"{Collection(invoice)}:1")).ShouldBeTrue();
        (await app.WaitForCollectionStatusAsync(Collection(invoice), s => s.StartsWith("waiting until", StringComparison.Ordinal))).ShouldNotBeNull();
        (await app.ActivitiesScheduledAsync(Collection(invoice))).ShouldBeEmpty();
        var card = Method("later");
        await app.Api.SetPaymentMethodAsync(account.Id, card, default);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).Select(c => (c.PaymentMethod, c.IdempotencyKey)).ShouldBe([(card, $"invoice-{invoice.InvoiceId}-attempt-1")]);
        (await app.ActivitiesScheduledAsync(Collection(invoice))).ShouldBe([PaymentActivities.ReadCollection, PaymentActivities.ChargeInvoice]);
        (await app.HasEventAsync(PaymentEvents.PaymentMethodRequired, $"{Collection(invoice)}:2")).ShouldBeFalse();
    }

    [Fact]
    public async Task NoPaymentMethod_ACollectionStartedWithTheEarlierInput_AsksForItInItsOwnStep()
    {
        var account = await app.SeedAsync("nomethod-old", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, paymentMethodId: null);
        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await app.WaitForCollectionStatusAsync(Collection(invoice), s => s.StartsWith("waiting until", StringComparison.Ordinal));
        await client.TerminateInstanceAsync(Collection(invoice));
        await client.WaitForInstanceCompletionAsync(Collection(invoice));
        await client.PurgeInstanceAsync(Collection(invoice));
        var opened = await app.Services.GetRequiredService<InvoiceCollection>().ReadAsync(new CollectionRequest(account.Id, invoice.InvoiceId), CancellationToken.None);

        // The input as a close scheduled it before it took the first step: the opened state only.
        var earlier = new CollectInvoiceInput(account.Id, invoice.InvoiceId) { Opened = opened };
        await client.ScheduleNewOrchestrationInstanceAsync(CollectInvoiceOrchestration.Name, earlier, new StartOrchestrationOptions(Collection(invoice)));
        await app.WaitForCollectionStatusAsync(Collection(invoice), s => s.StartsWith("waiting until", StringComparison.Ordinal));

        (await app.ActivitiesScheduledAsync(Collection(invoice))).ShouldBe([PaymentActivities.ApplyDunningStep]);
        (await app.HasEventAsync(PaymentEvents.PaymentMethodRequired, $"{Collection(invoice)}:1")).ShouldBeTrue();
    }

    [Fact]
    public async Task BankDebit_ProcessingThenSucceeded_IsPaidByTheWebhook_AndAForgedWebhookChangesNothing()
    {
        var bank = Method("ach");
        app.Stripe.AddMethod(bank, StripeTestMethod.BankAccount());
        app.Stripe.Script(bank, StripeOutcome.Processing());
        var account = await app.SeedAsync("ach", PaymentsHost.FastPolicy, bank);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Pending == 50m);
        var intent = Intent(invoice);
        var forged = await app.PostWebhookAsync(StripeWebhookEvents.PaymentIntentSucceeded(intent), secret: "whsec_forged");
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!.Pending.ShouldBe(50m);
        (await app.PostWebhookAsync(StripeWebhookEvents.PaymentIntentSucceeded(intent))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task BankDebit_ProcessingThenReturned_AddsTheReturnedPaymentFeeAndDunningGoesOn()
    {
        var bank = Method("ach-return");
        app.Stripe.AddMethod(bank, StripeTestMethod.BankAccount());
        app.Stripe.Script(bank, StripeOutcome.Processing(), StripeOutcome.Succeed());
        var account = await app.SeedAsync("return", PaymentsHost.FastPolicy with { ReturnedPaymentFee = 7.50m }, bank);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Pending == 50m);
        var intent = Intent(invoice);
        (await app.PostWebhookAsync(StripeWebhookEvents.PaymentIntentFailed(intent, "insufficient_funds"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).Count.ShouldBe(2);
        var fee = (await Adjustments(account)).ShouldHaveSingleItem();
        (fee.Kind, fee.Amount, fee.SourceInvoiceId).ShouldBe((AdjustmentKind.ReturnedPaymentFee, new Money(7.50m, "USD"), invoice.InvoiceId));
        (await app.HasEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1")).ShouldBeTrue();
    }

    [Fact]
    public async Task EveryRetryFails_SuspendsTheAccount_AndAPaymentReinstatesIt()
    {
        var method = Method("broke");
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Decline("insufficient_funds"));
        var account = await app.SeedAsync("suspend", PaymentsHost.FastPolicy, method);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await WaitForEventAsync(PaymentEvents.AccountSuspended, Collection(invoice));
        // The suspension step stamps the invoice and the account with the same instant.
        var suspendedAt = (await app.Services.GetRequiredService<IReceivables>().FindAsync(invoice.InvoiceId, CancellationToken.None))!.SuspendedAccountAt;
        (await app.AccountAsync(account.Id)).SuspendedAt.ShouldBe(suspendedAt.ShouldNotBeNull());
        var aging = await app.Api.GetAgingAsync(null, default);
        aging.Rows.Single(r => r.AccountId == account.Id).Amounts.ShouldBe([new Money(50m, "USD"), .. Enumerable.Repeat(Money.Zero("USD"), 4)]);
        await app.Api.RecordOfflinePaymentAsync(account.Id, invoice.InvoiceId, new OfflinePaymentRequest("wire-77", 50m, "wire", "FED-77"), default);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).Count.ShouldBe(3);
        (await app.AccountAsync(account.Id)).SuspendedAt.ShouldBeNull();
        (await app.HasEventAsync(PaymentEvents.AccountReinstated, Collection(invoice))).ShouldBeTrue();
    }

    [Fact]
    public async Task PaidOfflineDuringDunning_EndsTheCollectionWithoutAnotherCharge()
    {
        var method = Method("cheque");
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"));
        var account = await app.SeedAsync("cheque", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, method);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await WaitForEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1");
        await app.Api.RecordOfflinePaymentAsync(account.Id, invoice.InvoiceId, new OfflinePaymentRequest("chq-1042", 20m, "cheque", "1042"), default);
        var partial = await app.WaitForPaymentsAsync(invoice, p => p.Paid == 20m);
        await app.Api.RecordOfflinePaymentAsync(account.Id, invoice.InvoiceId, new OfflinePaymentRequest("chq-1043", 30m, "cheque", "1043"), default);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        partial.BalanceDue.ShouldBe(30m);
        result.Paid.ShouldBeTrue();
        Creates(invoice).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task CreditedInFullDuringDunning_EndsTheCollectionPaidWithoutAnotherCharge()
    {
        var method = Method("credited");
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"));
        var account = await app.SeedAsync("credited", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, method);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await WaitForEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1");
        await app.Api.IssueCreditNoteAsync(account.Id, invoice.InvoiceId, new CreditNoteRequest("goodwill-1", "Service outage", 50m), default);
        // The retry is ten minutes away: only the note's wake-up can end the collection within the wait.
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Creates(invoice).ShouldHaveSingleItem();
        var payments = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        (payments.Status, payments.Paid, payments.BalanceDue).ShouldBe(("Paid", 50m, 0m));
        (await app.HasEventAsync(PaymentEvents.InvoicePaid, $"{invoice.InvoiceId}:0")).ShouldBeTrue();
    }

    [Fact]
    public async Task RerateCreditingTheRestDuringDunning_EndsTheCollectionPaidWithoutAnotherCharge()
    {
        var method = Method("rerated");
        app.Stripe.Script(method, StripeOutcome.Decline("insufficient_funds"), StripeOutcome.Decline("insufficient_funds"));
        var account = await app.SeedAsync("rerated", PaymentsHost.FastPolicy with { RetryDelays = [Duration.FromMinutes(10)] }, method);
        var number = CloseDriver.UniqueNumber();
        await app.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2026, 1, 1)), default);
        await app.Host.Driver.PostInboundCallAsync(number, PaymentsHost.August.Start.PlusDays(3), seconds: 600);
        await app.Host.Driver.WaitForUsageAsync(account.Id, PaymentsHost.August, expected: 1);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        invoice.Total.ShouldBe(50.50m); // the platform fee and ten minutes at 0.05
        await WaitForEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1");
        await app.Api.IssueCreditNoteAsync(account.Id, invoice.InvoiceId, new CreditNoteRequest("fee-waived", "Platform fee waived", 50m), default);
        // The minutes were priced in error: the corrected plan bills them at nothing, and the re-rating credits the rest.
        await app.Api.PutPlanAsync(new PricePlan(account.PlanId, "Collect Voice", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 50m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]), default);
        var rerate = await app.Api.RerateAsync(new CycleRequest(account.Id, PaymentsHost.August.Key), "minutes-waived", default);
        // The retry is ten minutes away: only the re-rating's wake-up can end the collection within the wait.
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        rerate.Settlement!.Settled.ShouldBe(-0.50m);
        result.Paid.ShouldBeTrue();
        Creates(invoice).ShouldHaveSingleItem();
        var payments = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        (payments.Status, payments.BalanceDue).ShouldBe(("Paid", 0m));
        (await app.HasEventAsync(PaymentEvents.InvoicePaid, $"{invoice.InvoiceId}:0")).ShouldBeTrue();
    }

    [Fact]
    public async Task LateFee_AfterTheDueDateAndGrace_IsALineOnTheNextInvoice()
    {
        var policy = PaymentsHost.FastPolicy with
        {
            OverdueAfter = Duration.Zero,
            LateFee = new LateFeePolicy(LateFeeBasis.Flat, 5m, Duration.FromSeconds(1)),
        };
        var account = await app.SeedAsync("late", policy, paymentMethodId: null, CollectionMethod.SendInvoice);

        var august = await app.CloseAsync(account, PaymentsHost.August);
        await WaitForEventAsync(PaymentEvents.LateFeeAssessed, $"{august.InvoiceId}:1");
        var september = await app.CloseAsync(account, PaymentsHost.September);

        (await app.HasEventAsync(PaymentEvents.InvoiceOverdue, august.InvoiceId)).ShouldBeTrue();
        september.Total.ShouldBe(55m);
        (await LinesAsync(september)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Collect Voice platform fee", 50m),
            (LineCategory.Adjustments, $"Late fee on invoice {august.Number}", 5m),
        ]);
        (await app.Api.GetInvoiceAsync(account.Id, august.InvoiceId, default)).Invoice.Total.ShouldBe(new Money(50m, "USD"), "the issued invoice is never edited");
    }

    [Fact]
    public async Task LateFee_OnAnInvoiceOfItsOwn_IsTheNextNumberCollectedOnItsOwn_AndARetriedStepAddsNothing()
    {
        var policy = PaymentsHost.FastPolicy with
        {
            OverdueAfter = Duration.Zero,
            LateFee = new LateFeePolicy(LateFeeBasis.Flat, 5m, Duration.FromSeconds(1), Placement: LateFeePlacement.OwnInvoice),
        };
        var account = await app.SeedAsync("ownfee", policy, paymentMethodId: null, CollectionMethod.SendInvoice);

        var august = await app.CloseAsync(account, PaymentsHost.August);
        var feeInvoiceId = LateFeeInvoices.IdFor(august.InvoiceId, 1);
        var feeCollection = new CollectionRequest(account.Id, feeInvoiceId).CollectionId;
        // The fee invoice's own dunning runs to the end (overdue, reminders, suspension); a late fee on it would come before.
        await WaitForEventAsync(PaymentEvents.AccountSuspended, feeCollection);
        var retried = new DunningStep(account.Id, august.InvoiceId, Collection(august), DunningStepKind.LateFee, 1);
        await app.Services.GetRequiredService<DunningSteps>().ApplyAsync(retried, CancellationToken.None);
        var startedAgain = await ActivatorUtilities.CreateInstance<PaymentActivities>(app.Services)
            .StartLateFee(retried, app.Services.GetRequiredService<DurableTaskClient>(), CancellationToken.None);
        var september = await app.CloseAsync(account, PaymentsHost.September);

        var fee = await app.Api.GetInvoiceAsync(account.Id, feeInvoiceId, default);
        (fee.Invoice.Number, fee.Invoice.LateFeeOn, fee.Invoice.DueDate).ShouldBe((NumberAfter(august.Number!, 1), august.InvoiceId, fee.Invoice.IssueDate));
        fee.Invoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe([(LineCategory.Adjustments, $"Late fee on invoice {august.Number}", 5m)]);
        (fee.Payments!.Total, fee.Payments.BalanceDue, fee.Payments.LateFees.Count).ShouldBe((5m, 5m, 0), "no late fee on a late fee");
        (await app.HasEventAsync(DomainEvent.InvoiceFinalized, feeInvoiceId)).ShouldBeTrue();
        await new ClosedInvoiceDocuments(app.Services.GetRequiredService<BlobServiceClient>())
            .ShouldMatchPdfAsync(fee.Invoice, $"{StorageNames.InvoicesContainer}/{account.Id}/{feeInvoiceId}.pdf");
        startedAgain.ShouldBeFalse();
        september.Number.ShouldBe(NumberAfter(august.Number!, 2), "the retried step took no second number");
        september.Total.ShouldBe(50m);
        (await LinesAsync(september)).ShouldNotContain(l => l.Item1 == LineCategory.Adjustments, "the fee is not billed twice");
        var issued = await app.Api.GetInvoiceAsync(account.Id, august.InvoiceId, default);
        (issued.Invoice.Total.Amount, issued.Invoice.Lines.Count).ShouldBe((50m, 1), "the issued invoice is never edited");
        issued.Payments!.LateFees.ShouldHaveSingleItem().Id.ShouldBe(feeInvoiceId);
    }

    [Fact]
    public async Task CrashAfterTheGatewayAcceptedTheCharge_RetriesWithTheSameKey_OneChargeAndOneRecordedPayment()
    {
        var account = await app.SeedAsync("crash", PaymentsHost.FastPolicy, Method("crash"));
        app.CrashAfterCharge.Add(account.Id);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        var creates = Creates(invoice);
        creates.Count.ShouldBe(2, "the retried step sent the charge again");
        creates.Select(c => c.IdempotencyKey).Distinct().ShouldHaveSingleItem();
        app.Stripe.PaymentIntents.Count(i => i.Metadata.GetValueOrDefault("invoice_id") == invoice.InvoiceId).ShouldBe(1);
        var payments = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        payments.Entries.ShouldHaveSingleItem().Status.ShouldBe(PaymentEntryStatus.Succeeded);
        payments.Paid.ShouldBe(50m);
    }

    private static string NumberAfter(string number, int later) =>
        $"INV-{int.Parse(number["INV-".Length..], CultureInfo.InvariantCulture) + later:000000}";

    private static string Method(string name) => $"pm_{name}_{Guid.NewGuid():N}"[..24];

    private static string Collection(ServerlessBilling.Cycles.InvoiceSummary invoice) => new CollectionRequest(invoice.AccountId, invoice.InvoiceId).CollectionId;

    private IReadOnlyList<StripeRecordedRequest> Creates(ServerlessBilling.Cycles.InvoiceSummary invoice) =>
        [.. app.Stripe.PaymentIntentCreates.Where(r => r.Metadata("invoice_id") == invoice.InvoiceId)];

    private StripeTestPaymentIntent Intent(ServerlessBilling.Cycles.InvoiceSummary invoice) =>
        app.Stripe.PaymentIntents.Single(i => i.Metadata.GetValueOrDefault("invoice_id") == invoice.InvoiceId);

    private Task<IReadOnlyList<PendingAdjustment>> Adjustments(Account account) =>
        app.Services.GetRequiredService<IPendingAdjustments>().ListAsync(account.Id, CancellationToken.None);

    private async Task<IReadOnlyList<(LineCategory, string, decimal)>> LinesAsync(ServerlessBilling.Cycles.InvoiceSummary invoice) =>
        [.. (await app.Api.GetInvoiceAsync(invoice.AccountId, invoice.InvoiceId, default)).Invoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount))];

    private async Task WaitForEventAsync(string type, string businessKey)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await app.HasEventAsync(type, businessKey))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {type} event for {businessKey}.");
            }

            await Task.Delay(250);
        }
    }
}
