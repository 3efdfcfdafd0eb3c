using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Tests.Invoicing;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Charges, notifications and offline payments against one 100.00 USD invoice due 2026-04-01 (New York).</summary>
public sealed partial class InvoiceCollectionTests
{
    private static readonly BillingPeriod March = new(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1));
    private static readonly Invoice Final = new Invoice("acme-20260301", "acme", "Acme", March, "USD",
        [new InvoiceLine(LineCategory.PlatformFee, "Platform", 1m, "month", 100m, new Money(100m, "USD"))])
        .Finalize("INV-000007", new LocalDate(2026, 4, 1), netTermsDays: 0);

    private static readonly Account Acme = new("acme", "Acme", "plan", new BillingProfile("America/New_York", 1, "USD", 0))
    {
        Payment = new PaymentProfile("stripe", "cus_acme", new PaymentMethodOnFile("pm_card", PaymentMethodKind.Card, "visa ••••4242")),
        Dunning = DunningPolicy.Default with { ReturnedPaymentFee = 15m },
    };

    private static readonly CollectionRequest Request = new("acme", Final.Id);

    private readonly InMemoryReceivables receivables = new();
    private readonly InMemoryPendingAdjustments adjustments = new();
    private readonly InMemoryOutbox outbox = new();
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 4, 1, 14, 0));

    [Fact]
    public async Task A_successful_charge_pays_the_invoice_once_whatever_retries_follow()
    {
        var gateway = new ScriptedGateway(Charged(ChargeStatus.Succeeded, "pi_1"));
        var collection = Collection(gateway, Acme);
        var opened = await collection.OpenAsync(Request, default);

        var first = await collection.ChargeAsync(Request, opened.NextAttempt, default);
        var retried = await collection.ChargeAsync(Request, opened.NextAttempt, default);

        first.Status.ShouldBe(ChargeAttemptStatus.Succeeded);
        retried.Status.ShouldBe(ChargeAttemptStatus.NothingDue);
        gateway.Charges.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("invoice-acme-20260301-attempt-1");
        gateway.Charges[0].Amount.ShouldBe(new Money(100m, "USD"));
        var receivable = (await receivables.FindAsync(Final.Id, default))!;
        receivable.Status.ShouldBe(ReceivableStatus.Paid);
        receivable.DueAt.ShouldBe(Instant.FromUtc(2026, 4, 2, 4, 0), "the whole due date in New York counts as on time");
        outbox.Types.ShouldBe([PaymentEvents.InvoicePaid, PaymentEvents.PaymentSucceeded], ignoreOrder: true);
    }

    [Fact]
    public async Task A_stolen_card_is_a_do_not_retry_decline_recorded_in_the_history()
    {
        var collection = Collection(new ScriptedGateway(Declined("stolen_card", DeclineKind.DoNotRetry)), Acme);
        await collection.OpenAsync(Request, default);

        var outcome = await collection.ChargeAsync(Request, 1, default);

        outcome.Status.ShouldBe(ChargeAttemptStatus.DeclinedDoNotRetry);
        outcome.State.BalanceDue.ShouldBe(new Money(100m, "USD"));
        outcome.State.NextAttempt.ShouldBe(2);
        (await receivables.FindAsync(Final.Id, default))!.Entries.ShouldHaveSingleItem().Status.ShouldBe(PaymentEntryStatus.Declined);
        outbox.Events.ShouldHaveSingleItem().Type.ShouldBe(PaymentEvents.PaymentFailed);
    }

    [Fact]
    public async Task Without_a_payment_method_nothing_is_charged()
    {
        var gateway = new ScriptedGateway();
        var collection = Collection(gateway, Acme with { Payment = null });
        await collection.OpenAsync(Request, default);

        (await collection.ChargeAsync(Request, 1, default)).Status.ShouldBe(ChargeAttemptStatus.NotChargeable);

        gateway.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bank_debit_settles_through_its_notification_and_a_later_return_reopens_the_invoice_with_a_fee()
    {
        var collection = Collection(new ScriptedGateway(Charged(ChargeStatus.Processing, "pi_ach")), Acme);
        var recording = Recording(collection, Acme);
        await collection.OpenAsync(Request, default);
        (await collection.ChargeAsync(Request, 1, default)).State.Pending.ShouldBe(new Money(100m, "USD"));

        var collections = new RecordingCollections(Request.CollectionId);
        var settled = (await recording.ApplyAsync(Notice("evt_1", PaymentNotificationKind.Succeeded, "pi_ach"), collections, default)).Value;
        collections.End(Request.CollectionId);
        var returned = (await recording.ApplyAsync(Notice("evt_2", PaymentNotificationKind.Reversed, "pi_ach") with { Reason = "R01" }, collections, default)).Value;
        var redelivered = (await recording.ApplyAsync(Notice("evt_2", PaymentNotificationKind.Reversed, "pi_ach"), collections, default)).Value;

        settled!.Status.ShouldBe(ReceivableStatus.Paid);
        returned!.Status.ShouldBe(ReceivableStatus.Open);
        returned.BalanceDue.ShouldBe(new Money(100m, "USD"));
        redelivered!.Entries.Count(e => e.Kind == PaymentEntryKind.Reversal).ShouldBe(1);
        var fee = adjustments.All.Values.ShouldHaveSingleItem();
        (fee.Kind, fee.Amount, fee.SourceInvoiceId).ShouldBe((AdjustmentKind.ReturnedPaymentFee, new Money(15m, "USD"), Final.Id));
        outbox.Types.ShouldContain(PaymentEvents.PaymentReversed);
        collections.Woken.ShouldBe([Request.CollectionId]);
        var restart = collections.Started.ShouldHaveSingleItem();
        (restart.CollectionId, restart.AfterReversal).ShouldBe((CollectionRequest.RestartId(Final.Id, "evt_2"), true));
    }

    [Fact]
    public async Task A_bank_debit_that_fails_while_processing_bears_the_returned_payment_fee_once_however_often_it_is_told()
    {
        var collection = Collection(new ScriptedGateway(Charged(ChargeStatus.Processing, "pi_ach")), Acme);
        var recording = Recording(collection, Acme);
        await collection.OpenAsync(Request, default);
        await collection.ChargeAsync(Request, 1, default);

        var failed = (await recording.ApplyAsync(Notice("evt_r01", PaymentNotificationKind.Failed, "pi_ach") with { DeclineCode = "insufficient_funds" }, new RecordingCollections(), default)).Value;
        await recording.ApplyAsync(Notice("evt_r01", PaymentNotificationKind.Failed, "pi_ach"), new RecordingCollections(), default);

        (failed!.Pending, failed.BalanceDue).ShouldBe((Money.Zero("USD"), new Money(100m, "USD")));
        failed.Entries.ShouldHaveSingleItem().Returned.ShouldBeTrue();
        adjustments.All.Values.ShouldHaveSingleItem().Kind.ShouldBe(AdjustmentKind.ReturnedPaymentFee);
        outbox.Types.Count(t => t == PaymentEvents.PaymentFailed).ShouldBe(1);
    }

    [Fact]
    public async Task A_webhook_about_a_charge_already_recorded_announces_nothing_twice()
    {
        var collection = Collection(new ScriptedGateway(Charged(ChargeStatus.Succeeded, "pi_card")), Acme);
        await collection.OpenAsync(Request, default);
        await collection.ChargeAsync(Request, 1, default);
        var announced = outbox.Events.Count;

        await Recording(collection, Acme).ApplyAsync(Notice("evt_9", PaymentNotificationKind.Succeeded, "pi_card"), new RecordingCollections(), default);

        outbox.Events.Count.ShouldBe(announced);
    }

    [Fact]
    public void A_charge_the_webhook_recorded_first_keeps_its_attempt_number_so_the_next_attempt_has_a_new_key()
    {
        var at = Instant.FromUtc(2026, 4, 1, 14, 0);
        var fromWebhook = new Receivable(Final.Id, "acme", "INV-000007", "USD", new Money(100m, "USD"), at, [])
            .With(new PaymentEntry("charge:pi_fast", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(100m, "USD"), at, "pi_fast"));

        var recorded = fromWebhook.With(new PaymentEntry("charge:pi_fast", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(100m, "USD"), at, "pi_fast", Attempt: 1));

        (fromWebhook.LastAttempt, recorded.LastAttempt, recorded.Paid).ShouldBe((0, 1, new Money(100m, "USD")));
    }

    [Fact]
    public async Task Offline_payments_reduce_the_balance_and_an_overpayment_becomes_credit_on_the_next_invoice()
    {
        var collection = Collection(new ScriptedGateway(), Acme);
        var recording = Recording(collection, Acme);
        await collection.OpenAsync(Request, default);

        var partial = (await recording.RecordOfflineAsync("acme", Final.Id, new OfflinePaymentRequest("chq-1", 60m, "cheque", "1042"), new RecordingCollections(), default)).Value;
        var again = (await recording.RecordOfflineAsync("acme", Final.Id, new OfflinePaymentRequest("chq-1", 60m, "cheque", "1042"), new RecordingCollections(), default)).Value;
        var over = (await recording.RecordOfflineAsync("acme", Final.Id, new OfflinePaymentRequest("wire-1", 52.50m, "wire"), new RecordingCollections(), default)).Value;

        (partial.BalanceDue, again.BalanceDue).ShouldBe((new Money(40m, "USD"), new Money(40m, "USD")));
        over.Status.ShouldBe(ReceivableStatus.Paid);
        over.BalanceDue.ShouldBe(Money.Zero("USD"));
        var credit = adjustments.All.Values.ShouldHaveSingleItem();
        (credit.Kind, credit.Amount).ShouldBe((AdjustmentKind.CreditBalance, new Money(-12.50m, "USD")));
    }

    [Theory]
    [InlineData("0", "amount")]
    [InlineData("10.005", "amount")]
    public async Task An_offline_payment_that_is_not_a_positive_amount_in_cents_is_refused(string amount, string field)
    {
        var collection = Collection(new ScriptedGateway(), Acme);
        await collection.OpenAsync(Request, default);

        var refusal = await Recording(collection, Acme).RecordOfflineAsync("acme", Final.Id, new OfflinePaymentRequest("k", decimal.Parse(amount, null), "wire"), new RecordingCollections(), default);

        refusal.Problem!.Kind.ShouldBe(ProblemKind.Invalid);
        refusal.Problem.Fields.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public async Task A_late_fee_is_an_adjustment_for_the_next_invoice_assessed_once_per_ordinal()
    {
        var account = Acme with { Dunning = DunningPolicy.Default with { LateFee = new LateFeePolicy(LateFeeBasis.PercentOfBalance, 1.5m, Duration.Zero) } };
        var collection = Collection(new ScriptedGateway(), account);
        await collection.OpenAsync(Request, default);
        var steps = new DunningSteps(receivables, new InMemoryAccountDirectory(account), adjustments, outbox, clock, collection,
            new LateFeeInvoices(new InMemoryInvoices(Final), new SequentialNumbers(), new FlakyRenderer(), outbox));
        var step = new DunningStep("acme", Final.Id, Request.CollectionId, DunningStepKind.LateFee, 1);

        await steps.ApplyAsync(step, default);
        var state = await steps.ApplyAsync(step, default);

        var fee = adjustments.All.Values.ShouldHaveSingleItem();
        (fee.Id, fee.Amount).ShouldBe(("late-fee:acme-20260301:1", new Money(1.50m, "USD")));
        state.LateFeesAssessed.ShouldBe(1);
        state.BalanceDue.ShouldBe(new Money(100m, "USD"), "the issued invoice is never edited");
    }

    private InvoiceCollection Collection(IPaymentGateway gateway, Account account) =>
        new(receivables, new InMemoryInvoices(Final), new InMemoryAccountDirectory(account), PaymentGateways.Only(gateway), outbox, clock, DunningPolicy.Default);

    private PaymentRecording Recording(InvoiceCollection collection, Account account) =>
        new(receivables, new InMemoryAccountDirectory(account), PaymentGateways.Only(new ScriptedGateway()), adjustments, outbox, clock, collection);

    private static ChargeResult Charged(ChargeStatus status, string paymentId) => new(status, paymentId, new Money(0m, "USD"));

    private static ChargeResult Declined(string code, DeclineKind kind) => new(ChargeStatus.Declined, "pi_declined", new Money(0m, "USD"), code, kind);

    private PaymentNotification Notice(string eventId, PaymentNotificationKind kind, string paymentId) =>
        new(eventId, kind, paymentId, new Money(100m, "USD"), clock.GetCurrentInstant());
}
