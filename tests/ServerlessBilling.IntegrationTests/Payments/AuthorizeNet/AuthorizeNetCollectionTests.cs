using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>Accounts on Authorize.Net collected by real orchestrations: charges through the gateway against the
/// Authorize.Net-shaped server, dunning on timers of seconds, webhooks signed with the test's Signature Key.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthorizeNetCollectionTests(PaymentsHost app) : IClassFixture<PaymentsHost>
{
    [Fact]
    public async Task FirstCharge_Approved_PaysTheInvoiceWithOneTransactionAtAuthorizeNet()
    {
        var account = await app.SeedAsync("anet-paid", PaymentsHost.FastPolicy, Nonce("ok"), gateway: PaymentGatewayNames.AuthorizeNet);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        (await app.AccountAsync(account.Id)).Payment!.Gateway.ShouldBe(PaymentGatewayNames.AuthorizeNet);
        var made = Transactions(invoice).ShouldHaveSingleItem();
        (made.Amount, made.InvoiceNumber).ShouldBe((50m, InvoiceNumber(invoice, attempt: 1)));
        app.Stripe.PaymentIntentCreates.ShouldNotContain(c => c.Metadata("invoice_id") == invoice.InvoiceId);
        var payments = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!;
        (payments.Status, payments.Paid, payments.Entries.Single().Reference).ShouldBe(("Paid", 50m, made.TransId));
    }

    [Fact]
    public async Task Declined_ThenApprovedOnTheRetry_EachAttemptANewTransaction()
    {
        var nonce = Nonce("retry");
        app.AuthorizeNet.Script(nonce, AnetOutcome.Decline("2"));
        var account = await app.SeedAsync("anet-retry", PaymentsHost.FastPolicy, nonce, gateway: PaymentGatewayNames.AuthorizeNet);

        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Transactions(invoice).Select(t => (t.InvoiceNumber, t.ResponseCode))
            .ShouldBe([(InvoiceNumber(invoice, 1), "2"), (InvoiceNumber(invoice, 2), "1")]);
        var declined = (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!.Entries.First(e => e.Attempt == 1);
        (await app.HasEventAsync(PaymentEvents.PaymentFailed, $"{invoice.InvoiceId}:{declined.Id}")).ShouldBeTrue();
        (await app.HasEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1")).ShouldBeTrue();
    }

    [Fact]
    public async Task HeldForReview_ForgedApprovalRefused_SignedApprovalPaysTheInvoice()
    {
        var nonce = Nonce("review");
        app.AuthorizeNet.Script(nonce, AnetOutcome.HeldForReview());
        var account = await app.SeedAsync("anet-review", PaymentsHost.FastPolicy, nonce, gateway: PaymentGatewayNames.AuthorizeNet);
        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Pending == 50m);
        var held = Transactions(invoice).Single();
        var approval = AuthorizeNetNotifications.Payment("net.authorize.payment.fraud.approved", held.TransId, 50m);

        var forged = await app.PostAuthorizeNetWebhookAsync(approval, signatureKey: new string('A', 128));
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Api.GetInvoiceAsync(account.Id, invoice.InvoiceId, default)).Payments!.Pending.ShouldBe(50m);
        (await app.PostAuthorizeNetWebhookAsync(approval)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        Transactions(invoice).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Refund_SignedWebhook_ReversesTheChargeItRefundsOnce()
    {
        var account = await app.SeedAsync("anet-refund", PaymentsHost.FastPolicy, Nonce("refund"), gateway: PaymentGatewayNames.AuthorizeNet);
        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        (await app.WaitForCollectionAsync(Collection(invoice))).Paid.ShouldBeTrue();
        var charge = Transactions(invoice).Single();
        var refund = AuthorizeNetNotifications.Payment("net.authorize.payment.refund.created", app.AuthorizeNet.Refund(charge.TransId, 20m), 20m);

        (await app.PostAuthorizeNetWebhookAsync(refund)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostAuthorizeNetWebhookAsync(refund)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var payments = await app.WaitForPaymentsAsync(invoice, p => p.Entries.Any(e => e.Kind == PaymentEntryKind.Reversal));

        var reversal = payments.Entries.Single(e => e.Kind == PaymentEntryKind.Reversal);
        (reversal.Amount, reversal.Reference, reversal.Detail).ShouldBe((20m, charge.TransId, "refund"));
    }

    [Fact]
    public async Task ECheck_ProcessingUntilTheSettlementCheckFindsItSettled_ThenPaid()
    {
        var account = await app.SeedAsync("anet-echeck", PaymentsHost.FastPolicy, Nonce("echeck"), gateway: PaymentGatewayNames.AuthorizeNet);
        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Pending == 50m);
        var debit = Transactions(invoice).Single();

        (await CheckSettlementsAsync(invoice)).ShouldBe(0);
        app.AuthorizeNet.Settle(debit.TransId, "settledSuccessfully");
        (await CheckSettlementsAsync(invoice)).ShouldBe(1);
        var result = await app.WaitForCollectionAsync(Collection(invoice));

        result.Paid.ShouldBeTrue();
        (await CheckSettlementsAsync(invoice)).ShouldBe(0);
        Transactions(invoice).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ECheck_ReturnedBeforeSettling_FailsTheChargeAndDunningGoesOn()
    {
        var account = await app.SeedAsync("anet-return", PaymentsHost.FastPolicy, Nonce("echeck-return"), gateway: PaymentGatewayNames.AuthorizeNet);
        var invoice = await app.CloseAsync(account, PaymentsHost.August);
        await app.WaitForPaymentsAsync(invoice, p => p.Pending == 50m);
        var debit = Transactions(invoice).Single();

        app.AuthorizeNet.Settle(debit.TransId, "returnedItem");
        (await CheckSettlementsAsync(invoice)).ShouldBe(1);
        var payments = await app.WaitForPaymentsAsync(invoice, p => p.Entries.Any(e => e.Status == PaymentEntryStatus.Failed));

        (payments.Entries.First(e => e.Reference == debit.TransId).Detail).ShouldBe("ach_returned");
        await WaitForEventAsync(PaymentEvents.RetryScheduled, $"{Collection(invoice)}:1");
    }

    [Fact]
    public async Task PutPaymentMethod_UnknownGateway_Is400NamingTheGatewayAndChangesNothing()
    {
        var account = await app.SeedAsync("anet-unknown", PaymentsHost.FastPolicy, paymentMethodId: null);

        var refused = await Should.ThrowAsync<HttpRequestException>(() => app.Api.SetPaymentMethodAsync(account.Id, "tok_1", "paypal", default));

        refused.Message.ShouldContain("answered 400");
        refused.Message.ShouldContain("gateway");
        (await app.AccountAsync(account.Id)).Payment.ShouldBeNull();
    }

    private async Task WaitForEventAsync(string type, string businessKey)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await app.HasEventAsync(type, businessKey))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"no {type} event for {businessKey}");
            await Task.Delay(250);
        }
    }

    /// <summary>Runs the settlement check as its timer does and answers how many of this invoice's charges it found ended: the
    /// check reads every open invoice of the shared storage, other tests' included.</summary>
    private async Task<int> CheckSettlementsAsync(InvoiceSummary invoice)
    {
        var ended = await app.Services.GetRequiredService<AuthorizeNetSettlements>().CheckAsync(default);
        await app.Services.GetRequiredService<AuthorizeNetSettlementCheckFunction>().CheckAsync(app.Services.GetRequiredService<DurableTaskClient>(), default);
        return ended.Count(n => n.InvoiceId == invoice.InvoiceId);
    }

    private static string Nonce(string name) => $"nonce-{name}-{Guid.NewGuid():N}";

    private static string Collection(InvoiceSummary invoice) => new CollectionRequest(invoice.AccountId, invoice.InvoiceId).CollectionId;

    private IReadOnlyList<AnetTransaction> Transactions(InvoiceSummary invoice) =>
        [.. app.AuthorizeNet.Transactions.Where(t => t.Type == "authCaptureTransaction" && t.Description?.StartsWith($"invoice-{invoice.InvoiceId}-", StringComparison.Ordinal) == true)];

    private static string InvoiceNumber(InvoiceSummary invoice, int attempt) =>
        AuthorizeNetPaymentGateway.InvoiceNumberOf(new ChargeRequest(invoice.InvoiceId, invoice.AccountId, "", "", new Money(0m, "USD"), attempt, ""));
}
