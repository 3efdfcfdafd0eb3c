using System.Text.Json;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Money in another currency than the invoice's never counts against it: refused before the receivable is touched.</summary>
public sealed partial class InvoiceCollectionTests
{
    [Fact]
    public async Task A_charge_answered_in_another_currency_is_refused_as_a_decline_not_to_retry()
    {
        var collection = Collection(new AnsweringGateway(new ChargeResult(ChargeStatus.Succeeded, "pi_eur", new Money(100m, "EUR"))), Acme);
        await collection.OpenAsync(Request, default);

        var outcome = await collection.ChargeAsync(Request, 1, default);

        (outcome.Status, outcome.DeclineCode).ShouldBe((ChargeAttemptStatus.DeclinedDoNotRetry, InvoiceCollection.CurrencyMismatch));
        outcome.State.BalanceDue.ShouldBe(new Money(100m, "USD"));
        var receivable = (await receivables.FindAsync(Final.Id, default))!;
        (receivable.Status, receivable.Paid).ShouldBe((ReceivableStatus.Open, Money.Zero("USD")));
        var entry = receivable.Entries.ShouldHaveSingleItem();
        (entry.Status, entry.Amount, entry.Detail).ShouldBe((PaymentEntryStatus.Declined, new Money(100m, "USD"), InvoiceCollection.CurrencyMismatch));
        var failed = outbox.Events.ShouldHaveSingleItem();
        failed.Type.ShouldBe(PaymentEvents.PaymentFailed);
        failed.Data.GetProperty("currency").GetString().ShouldBe("USD");
        failed.Data.GetProperty("amount").GetDecimal().ShouldBe(100m);
        failed.Data.GetProperty("detail").GetString().ShouldBe("currency_mismatch: do not retry");
    }

    [Fact]
    public async Task A_notification_in_another_currency_is_a_problem_naming_the_currency_and_changes_nothing()
    {
        var collection = Collection(new ScriptedGateway(Charged(ChargeStatus.Processing, "pi_ach")), Acme);
        await collection.OpenAsync(Request, default);
        await collection.ChargeAsync(Request, 1, default);
        var before = JsonSerializer.Serialize(await receivables.FindAsync(Final.Id, default), BillingJson.Options);
        var announced = outbox.Events.Count;
        var collections = new RecordingCollections(Request.CollectionId);

        var applied = await Recording(collection, Acme).ApplyAsync(
            Notice("evt_eur", PaymentNotificationKind.Succeeded, "pi_ach") with { Amount = new Money(100m, "EUR") }, collections, default);

        applied.Succeeded.ShouldBeFalse();
        (applied.Problem!.Kind, applied.Problem.Title).ShouldBe((ProblemKind.Invalid, "Payment 'pi_ach' was not applied to invoice INV-000007"));
        applied.Problem.Fields.ShouldBe([new RecordProblem("currency", "the payment is in EUR; invoice INV-000007 is billed in USD")]);
        JsonSerializer.Serialize(await receivables.FindAsync(Final.Id, default), BillingJson.Options).ShouldBe(before);
        (outbox.Events.Count, collections.Woken.Count, adjustments.All.Count).ShouldBe((announced, 0, 0));
    }

    [Fact]
    public async Task The_webhook_answers_a_payment_in_another_currency_with_the_problem()
    {
        var collection = Collection(new ScriptedGateway(Charged(ChargeStatus.Processing, "pi_ach")), Acme);
        await collection.OpenAsync(Request, default);
        await collection.ChargeAsync(Request, 1, default);
        var notice = Notice("evt_eur", PaymentNotificationKind.Succeeded, "pi_ach") with { Amount = new Money(100m, "EUR") };
        var intake = new PaymentWebhookIntake<ReadingSource>(new ReadingSource(notice), WebhookTolerance.Default, Recording(collection, Acme), TimeProvider.System);

        var received = await intake.ReceiveAsync(new WebhookDelivery(Array.Empty<byte>(), new Dictionary<string, string>()), new RecordingCollections(), default);

        received.Problem.ShouldNotBeNull().Fields.ShouldHaveSingleItem().Field.ShouldBe("currency");
        (await receivables.FindAsync(Final.Id, default))!.Pending.ShouldBe(new Money(100m, "USD"));
    }

    /// <summary>Answers every charge with the one result it was given, whatever was asked.</summary>
    private sealed class AnsweringGateway(ChargeResult answer) : IPaymentGateway
    {
        public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) => Task.FromResult($"cus_{accountId}");

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
            Task.FromResult(new PaymentMethodOnFile(paymentMethodId, PaymentMethodKind.Card, "visa ••••4242"));

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
            SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

        public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) => Task.FromResult(answer);
    }

    /// <summary>A gateway webhook whose every delivery is authentic and says <paramref name="notification"/>.</summary>
    private sealed class ReadingSource(PaymentNotification notification) : IPaymentWebhookSource
    {
        public string Name => "Test";

        public WebhookVerification Verify(WebhookDelivery delivery) => WebhookVerification.WithoutTimestamp;

        public Task<Outcome<PaymentWebhookEvent>> ReadAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
            Task.FromResult<Outcome<PaymentWebhookEvent>>(new PaymentWebhookEvent(notification.EventId, "payment_intent.succeeded", notification));
    }
}
