using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>The gateway through Stripe.net over HTTP against the Stripe-shaped test server.</summary>
public sealed class StripePaymentGatewayTests : IAsyncLifetime
{
    private StripeTestServer stripe = null!;
    private StripePaymentGateway gateway = null!;

    public async Task InitializeAsync()
    {
        stripe = await StripeTestServer.StartAsync();
        gateway = new StripePaymentGateway(stripe.Options(), new HttpClient());
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task Charge_Succeeds_SendsMinorUnitsMetadataAndTheAttemptKey()
    {
        var result = await gateway.ChargeAsync(Request("pm_card", 1234.56m), CancellationToken.None);

        result.Status.ShouldBe(ChargeStatus.Succeeded);
        result.Amount.ShouldBe(new Money(1234.56m, "USD"));
        var sent = stripe.PaymentIntentCreates.ShouldHaveSingleItem();
        sent.IdempotencyKey.ShouldBe("invoice-inv-1-attempt-1");
        sent.Amount.ShouldBe(123456);
        sent.Currency.ShouldBe("usd");
        sent.PaymentMethod.ShouldBe("pm_card");
        sent.Form["customer"].ShouldBe("cus_1");
        sent.Form["off_session"].ShouldBe("true");
        sent.Form["confirm"].ShouldBe("true");
        sent.Metadata("invoice_id").ShouldBe("inv-1");
        sent.Metadata("account_id").ShouldBe("acct-1");
        sent.Metadata("collection_id").ShouldBe("collect-inv-1");
        result.PaymentId.ShouldBe(stripe.PaymentIntents.ShouldHaveSingleItem().Id);
    }

    [Fact]
    public async Task Charge_ZeroDecimalCurrency_SendsWholeUnits()
    {
        await gateway.ChargeAsync(Request("pm_card", 5000m, "JPY"), CancellationToken.None);

        stripe.PaymentIntentCreates.ShouldHaveSingleItem().Amount.ShouldBe(5000);
        stripe.PaymentIntentCreates.Single().Currency.ShouldBe("jpy");
    }

    [Theory]
    [InlineData("insufficient_funds", null, DeclineKind.RetryLater)]
    [InlineData("do_not_honor", null, DeclineKind.RetryLater)]
    [InlineData("generic_decline", "do_not_try_again", DeclineKind.DoNotRetry)]
    [InlineData("stolen_card", null, DeclineKind.DoNotRetry)]
    [InlineData("fraudulent", null, DeclineKind.DoNotRetry)]
    public async Task Charge_Declined_IsAResultWithItsClass(string code, string? advice, DeclineKind expected)
    {
        stripe.Script("pm_card", StripeOutcome.Decline(code, advice));

        var result = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);

        result.Status.ShouldBe(ChargeStatus.Declined);
        result.DeclineCode.ShouldBe(code);
        result.Decline.ShouldBe(expected);
        result.PaymentId.ShouldBe(stripe.PaymentIntents.ShouldHaveSingleItem().Id);
        result.Message.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Charge_BankDebit_IsProcessing()
    {
        stripe.Script("pm_bank", StripeOutcome.Processing());

        var result = await gateway.ChargeAsync(Request("pm_bank"), CancellationToken.None);

        result.Status.ShouldBe(ChargeStatus.Processing);
        result.PaymentId.ShouldStartWith("pi_");
    }

    [Fact]
    public async Task Charge_RequiresAction_CarriesTheRedirectUrl()
    {
        stripe.Script("pm_card", StripeOutcome.RequiresAction("https://hooks.stripe.example/authenticate/pi"));

        var result = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);

        result.Status.ShouldBe(ChargeStatus.RequiresAction);
        result.ActionUrl.ShouldBe("https://hooks.stripe.example/authenticate/pi");
    }

    [Fact]
    public async Task Charge_AuthenticationRequiredDecline_RequiresAction()
    {
        stripe.Script("pm_card", StripeOutcome.AuthenticationRequired());

        var result = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);

        result.Status.ShouldBe(ChargeStatus.RequiresAction);
        result.DeclineCode.ShouldBe("authentication_required");
        result.PaymentId.ShouldStartWith("pi_");
    }

    [Fact]
    public async Task Charge_RetriedAfterACrash_ChargesOnceAndAnswersTheSame()
    {
        var request = Request("pm_card");
        var first = await gateway.ChargeAsync(request, CancellationToken.None);

        // The activity crashed before recording the result; the durable engine runs it again with the same attempt.
        var again = await new StripePaymentGateway(stripe.Options(), new HttpClient()).ChargeAsync(request, CancellationToken.None);

        again.ShouldBe(first);
        stripe.PaymentIntents.ShouldHaveSingleItem();
        stripe.PaymentIntentCreates.Select(r => (r.IdempotencyKey, r.Replayed)).ShouldBe(
            [(request.IdempotencyKey, false), (request.IdempotencyKey, true)]);
    }

    [Fact]
    public async Task Charge_DeclineReplayed_StaysTheSameDecline()
    {
        stripe.Script("pm_card", StripeOutcome.Decline("insufficient_funds"));
        var first = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);

        var again = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);
        var nextAttempt = await gateway.ChargeAsync(Request("pm_card") with { Attempt = 2 }, CancellationToken.None);

        again.ShouldBe(first);
        nextAttempt.Status.ShouldBe(ChargeStatus.Succeeded);
        stripe.PaymentIntents.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Charge_ServerErrorOnce_ThrowsThenTheSameKeySucceeds()
    {
        stripe.Script("pm_card", StripeOutcome.ServerError(), StripeOutcome.Succeed());

        await Should.ThrowAsync<Stripe.StripeException>(() => gateway.ChargeAsync(Request("pm_card"), CancellationToken.None));
        var retried = await gateway.ChargeAsync(Request("pm_card"), CancellationToken.None);

        retried.Status.ShouldBe(ChargeStatus.Succeeded);
        stripe.PaymentIntents.ShouldHaveSingleItem();
        stripe.PaymentIntentCreates.Select(r => r.IdempotencyKey).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Charge_WithoutSecretKey_NamesTheSetting()
    {
        var unconfigured = new StripePaymentGateway(new StripeOptions("", ""), new HttpClient());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => unconfigured.ChargeAsync(Request("pm_card"), CancellationToken.None));

        error.Message.ShouldContain("Stripe:SecretKey");
    }

    [Fact]
    public async Task EnsureCustomer_Twice_CreatesOneWithTheAccountId()
    {
        var first = await gateway.EnsureCustomerAsync("acct-7", "Acme Voice", CancellationToken.None);
        var second = await gateway.EnsureCustomerAsync("acct-7", "Acme Voice", CancellationToken.None);

        second.ShouldBe(first);
        var sent = stripe.Requests.Where(r => r.Path == "/v1/customers").ToList();
        sent.Count.ShouldBe(2);
        sent.ShouldAllBe(r => r.IdempotencyKey == "customer-acct-7" && r.Metadata("account_id") == "acct-7" && r.Form["name"] == "Acme Voice");
        sent[1].Replayed.ShouldBeTrue();
    }

    [Fact]
    public async Task SetDefaultPaymentMethod_Card_AttachesAndSetsTheInvoiceDefault()
    {
        stripe.AddMethod("pm_visa", StripeTestMethod.Card("visa", "4242"));

        var onFile = await gateway.SetDefaultPaymentMethodAsync("cus_9", "pm_visa", CancellationToken.None);

        onFile.ShouldBe(new PaymentMethodOnFile("pm_visa", PaymentMethodKind.Card, "visa ••••4242"));
        stripe.Requests.Select(r => r.Path).ShouldBe(["/v1/payment_methods/pm_visa/attach", "/v1/customers/cus_9"]);
        stripe.Requests[0].Form["customer"].ShouldBe("cus_9");
        stripe.Requests[1].Form["invoice_settings[default_payment_method]"].ShouldBe("pm_visa");
    }

    [Fact]
    public async Task SetDefaultPaymentMethod_BankAccount_IsLabelledWithTheBank()
    {
        stripe.AddMethod("pm_ach", StripeTestMethod.BankAccount("STRIPE TEST BANK", "6789"));

        var onFile = await gateway.SetDefaultPaymentMethodAsync("cus_9", "pm_ach", CancellationToken.None);

        onFile.ShouldBe(new PaymentMethodOnFile("pm_ach", PaymentMethodKind.UsBankAccount, "STRIPE TEST BANK ••••6789"));
    }

    private static ChargeRequest Request(string paymentMethodId, decimal amount = 42.50m, string currency = "USD") =>
        new("inv-1", "acct-1", "cus_1", paymentMethodId, new Money(amount, currency), Attempt: 1, CollectionId: "collect-inv-1");
}
