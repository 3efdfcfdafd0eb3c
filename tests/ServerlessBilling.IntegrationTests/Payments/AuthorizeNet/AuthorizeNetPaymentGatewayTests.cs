using System.Text.Json.Nodes;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;

/// <summary>The Authorize.Net gateway against the Authorize.Net-shaped test server: profiles, charges by script, and a retry after a lost answer.</summary>
public sealed class AuthorizeNetPaymentGatewayTests : IAsyncLifetime
{
    private AuthorizeNetTestServer server = null!;
    private AuthorizeNetPaymentGateway gateway = null!;

    public async Task InitializeAsync()
    {
        server = await AuthorizeNetTestServer.StartAsync();
        gateway = new AuthorizeNetPaymentGateway(new AuthorizeNetClient(server.Options(), new HttpClient()));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task EnsureCustomer_Twice_ReturnsTheSameProfile()
    {
        var first = await gateway.EnsureCustomerAsync("acct-with-a-rather-long-id-0001", "Long Clinic", default);
        var again = await gateway.EnsureCustomerAsync("acct-with-a-rather-long-id-0001", "Long Clinic", default);

        again.ShouldBe(first);
        var sent = server.Requests.First(r => r.Name == "createCustomerProfileRequest").Body;
        sent.First().Key.ShouldBe("merchantAuthentication");
        Text(sent["profile"]?["merchantCustomerId"])!.Length.ShouldBeLessThanOrEqualTo(20);
    }

    [Fact]
    public async Task SetDefaultPaymentMethod_AcceptNonce_StoresAProfileOnceAndDescribesTheCard()
    {
        var customer = await gateway.EnsureCustomerAsync("acct-card", "Card Clinic", default);

        var method = await gateway.SetDefaultPaymentMethodAsync(customer, "eyJub25jZSI6ImNhcmQifQ", default);
        var again = await gateway.SetDefaultPaymentMethodAsync(customer, "eyJub25jZSI6ImNhcmQifQ", default);

        (method.Kind, method.Label).ShouldBe((PaymentMethodKind.Card, "Visa ••••1111"));
        again.PaymentMethodId.ShouldBe(method.PaymentMethodId);
        method.PaymentMethodId.ShouldAllBe(c => char.IsAsciiDigit(c));
    }

    [Fact]
    public async Task SetDefaultPaymentMethod_ExistingBankProfile_IsAUsBankAccount()
    {
        var customer = await gateway.EnsureCustomerAsync("acct-bank", "Bank Clinic", default);
        server.AddBankAccount(customer, "777001");

        var method = await gateway.SetDefaultPaymentMethodAsync(customer, "777001", default);

        (method.PaymentMethodId, method.Kind, method.Label).ShouldBe(("777001", PaymentMethodKind.UsBankAccount, "First Local Bank ••••6789"));
    }

    [Fact]
    public async Task SetDefaultPaymentMethod_UnknownProfile_IsNotFound()
    {
        var customer = await gateway.EnsureCustomerAsync("acct-unknown", "Unknown Clinic", default);

        await Should.ThrowAsync<KeyNotFoundException>(() => gateway.SetDefaultPaymentMethodAsync(customer, "999999", default));
    }

    [Fact]
    public async Task Charge_Approved_SucceedsWithTheTransactionAndSendsTheKeyTheWindowAndSchemaOrder()
    {
        var request = await RequestAsync("ok");

        var result = await gateway.ChargeAsync(request, default);

        var made = server.Transactions.ShouldHaveSingleItem();
        (result.Status, result.PaymentId, result.Amount).ShouldBe((ChargeStatus.Succeeded, made.TransId, new Money(50m, "USD")));
        var sent = server.Requests.Single(r => r.Name == "createTransactionRequest").Body;
        sent.Select(p => p.Key).ShouldBe(["merchantAuthentication", "refId", "transactionRequest"]);
        var transaction = sent["transactionRequest"]!.AsObject();
        transaction.Select(p => p.Key).ShouldBe(["transactionType", "amount", "profile", "order", "transactionSettings"]);
        (Text(transaction["amount"]), made.InvoiceNumber, made.Description, Text(sent["refId"]))
            .ShouldBe(("50.00", AuthorizeNetPaymentGateway.InvoiceNumberOf(request), request.IdempotencyKey, made.InvoiceNumber));
        made.InvoiceNumber!.Length.ShouldBe(20);
        Text(transaction["transactionSettings"]?["setting"]?[0]?["settingValue"]).ShouldBe("28800");
    }

    [Theory]
    [InlineData("2", "2", "generic_decline", DeclineKind.RetryLater)]
    [InlineData("2", "4", "pickup_card", DeclineKind.DoNotRetry)]
    [InlineData("2", "27", "incorrect_address", DeclineKind.DoNotRetry)]
    [InlineData("3", "8", "expired_card", DeclineKind.DoNotRetry)]
    [InlineData("3", "19", "processing_error", DeclineKind.RetryLater)]
    public async Task Charge_DeclinedOrError_IsADeclineOfItsClass(string responseCode, string reason, string code, DeclineKind kind)
    {
        var request = await RequestAsync("declined");
        server.Script(request.PaymentMethodId, new AnetOutcome(responseCode, reason));

        var result = await gateway.ChargeAsync(request, default);

        (result.Status, result.PaymentId, result.DeclineCode, result.Decline)
            .ShouldBe((ChargeStatus.Declined, server.Transactions.Single().TransId, code, kind));
    }

    [Fact]
    public async Task Charge_HeldForReview_IsProcessing()
    {
        var request = await RequestAsync("review");
        server.Script(request.PaymentMethodId, AnetOutcome.HeldForReview());

        (await gateway.ChargeAsync(request, default)).Status.ShouldBe(ChargeStatus.Processing);
    }

    [Fact]
    public async Task Charge_ECheckApproved_IsProcessingUntilItSettles()
    {
        var customer = await gateway.EnsureCustomerAsync("acct-echeck", "eCheck Clinic", default);
        var method = await gateway.SetDefaultPaymentMethodAsync(customer, "nonce-echeck-1", default);

        var result = await gateway.ChargeAsync(Request(customer, method.PaymentMethodId, attempt: 1), default);

        (method.Kind, result.Status).ShouldBe((PaymentMethodKind.UsBankAccount, ChargeStatus.Processing));
    }

    [Fact]
    public async Task Charge_RetriedAfterALostAnswer_FindsTheOriginalAndMakesOneTransaction()
    {
        var request = await RequestAsync("lost");
        server.Script(request.PaymentMethodId, AnetOutcome.ApproveButLoseAnswer());

        await Should.ThrowAsync<HttpRequestException>(() => gateway.ChargeAsync(request, default));
        var retried = await gateway.ChargeAsync(request, default);

        var made = server.Transactions.ShouldHaveSingleItem();
        (retried.Status, retried.PaymentId).ShouldBe((ChargeStatus.Succeeded, made.TransId));
        server.Requests.Select(r => r.Name).ShouldContain("getUnsettledTransactionListRequest");
    }

    [Fact]
    public async Task Charge_RetriedAfterALostDecline_AnswersTheOriginalDecline()
    {
        var request = await RequestAsync("lost-decline");
        server.Script(request.PaymentMethodId, new AnetOutcome("2", "4", LoseAnswer: true));

        await Should.ThrowAsync<HttpRequestException>(() => gateway.ChargeAsync(request, default));
        var retried = await gateway.ChargeAsync(request, default);

        server.Transactions.ShouldHaveSingleItem();
        (retried.Status, retried.DeclineCode, retried.Decline).ShouldBe((ChargeStatus.Declined, "pickup_card", DeclineKind.DoNotRetry));
    }

    [Fact]
    public async Task Charge_NextAttempt_IsANewTransactionNotADuplicate()
    {
        var first = await RequestAsync("next");
        server.Script(first.PaymentMethodId, AnetOutcome.Decline());

        (await gateway.ChargeAsync(first, default)).Status.ShouldBe(ChargeStatus.Declined);
        (await gateway.ChargeAsync(first with { Attempt = 2 }, default)).Status.ShouldBe(ChargeStatus.Succeeded);

        server.Transactions.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Charge_WrongCredentials_ThrowsNamingTheRefusal()
    {
        var request = await RequestAsync("creds");
        var wrong = new AuthorizeNetPaymentGateway(new AuthorizeNetClient(server.Options() with { TransactionKey = "not-the-key" }, new HttpClient()));

        var refusal = await Should.ThrowAsync<AuthorizeNetException>(() => wrong.ChargeAsync(request, default));

        refusal.Code.ShouldBe("E00007");
        server.Transactions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Charge_OtherCurrencyThanTheMerchantAccount_Throws()
    {
        var request = await RequestAsync("eur");

        await Should.ThrowAsync<InvalidOperationException>(() => gateway.ChargeAsync(request with { Amount = new Money(50m, "EUR") }, default));
        server.Transactions.ShouldBeEmpty();
    }

    private async Task<ChargeRequest> RequestAsync(string name)
    {
        var customer = await gateway.EnsureCustomerAsync($"acct-{name}", $"{name} clinic", default);
        var method = await gateway.SetDefaultPaymentMethodAsync(customer, $"nonce-{name}", default);
        return Request(customer, method.PaymentMethodId, attempt: 1);
    }

    private static ChargeRequest Request(string customer, string profile, int attempt) =>
        new("inv-2026-08-000123", "acct-1", customer, profile, new Money(50m, "USD"), attempt, "collect-inv-2026-08-000123");

    private static string? Text(JsonNode? node) => AuthorizeNetResponse.Text(node);
}
