using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Events;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Which gateway creates an account's customer and charges its invoices.</summary>
public sealed class PaymentGatewaySelectionTests
{
    private static readonly BillingPeriod March = new(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1));
    private static readonly Invoice Final = new Invoice("acme-20260301", "acme", "Acme", March, "USD",
        [new InvoiceLine(LineCategory.PlatformFee, "Platform", 1m, "month", 100m, new Money(100m, "USD"))])
        .Finalize("INV-000007", new LocalDate(2026, 4, 1), netTermsDays: 0);

    private static readonly Account Acme = new("acme", "Acme", "plan", new BillingProfile("America/New_York", 1, "USD", 0));

    private readonly ScriptedGateway stripe = new(new ChargeResult(ChargeStatus.Succeeded, "pi_1", new Money(0m, "USD")));
    private readonly ScriptedGateway authorizeNet = new(new ChargeResult(ChargeStatus.Succeeded, "60012345", new Money(0m, "USD")));
    private readonly InMemoryReceivables receivables = new();
    private readonly InMemoryOutbox outbox = new();
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 4, 1, 14, 0));

    [Theory]
    [InlineData("stripe", null, "stripe")]
    [InlineData("authorizenet", null, "authorizenet")]
    [InlineData("stripe", "AuthorizeNet", "authorizenet")]
    public async Task SetPaymentMethod_NewAccount_UsesTheNamedGatewayOrTheDefault(string defaultName, string? named, string expected)
    {
        var (recording, accounts) = Recording(Acme, defaultName);

        var updated = (await recording.SetPaymentMethodAsync("acme", "tok_1", named, new RecordingCollections(), default)).Value;

        updated.Payment!.Gateway.ShouldBe(expected);
        updated.Payment.CustomerId.ShouldBe("cus_acme");
        (await accounts.FindAsync("acme", default))!.Payment.ShouldBe(updated.Payment);
    }

    [Fact]
    public async Task SetPaymentMethod_AccountOnAuthorizeNet_KeepsItsGatewayAndCustomerWhateverTheDefault()
    {
        var onAnet = Acme with { Payment = new PaymentProfile("authorizenet", "9001", null) };
        var (recording, _) = Recording(onAnet, defaultName: "stripe");

        var updated = (await recording.SetPaymentMethodAsync("acme", "123", gatewayName: null, new RecordingCollections(), default)).Value;

        (updated.Payment!.Gateway, updated.Payment.CustomerId).ShouldBe(("authorizenet", "9001"));
    }

    [Fact]
    public async Task SetPaymentMethod_UnknownGateway_IsInvalidNamingIt()
    {
        var (recording, _) = Recording(Acme, "stripe");

        var refused = await recording.SetPaymentMethodAsync("acme", "tok_1", "paypal", new RecordingCollections(), default);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Invalid);
        refused.Problem.Fields.ShouldHaveSingleItem().Field.ShouldBe("gateway");
        refused.Problem.Fields[0].Reason.ShouldContain("'paypal'");
    }

    [Fact]
    public async Task Charge_AccountOnAuthorizeNet_GoesThroughAuthorizeNetOnly()
    {
        var onAnet = Acme with { Payment = new PaymentProfile("authorizenet", "9001", new PaymentMethodOnFile("777", PaymentMethodKind.Card, null)) };
        var collection = Collection(new InMemoryAccountDirectory(onAnet), "stripe");
        var opened = await collection.OpenAsync(new CollectionRequest("acme", Final.Id), default);

        var outcome = await collection.ChargeAsync(new CollectionRequest("acme", Final.Id), opened.NextAttempt, default);

        outcome.Status.ShouldBe(ChargeAttemptStatus.Succeeded);
        (authorizeNet.Charges.Single().CustomerId, stripe.Charges.Count).ShouldBe(("9001", 0));
    }

    private PaymentGateways Gateways(string defaultName) =>
        new(new Dictionary<string, IPaymentGateway> { ["stripe"] = stripe, ["authorizenet"] = authorizeNet }, defaultName);

    private InvoiceCollection Collection(InMemoryAccountDirectory accounts, string defaultName) =>
        new(receivables, new InMemoryInvoices(Final), accounts, Gateways(defaultName), outbox, clock, DunningPolicy.Default);

    private (PaymentRecording, InMemoryAccountDirectory) Recording(Account account, string defaultName)
    {
        var accounts = new InMemoryAccountDirectory(account);
        var recording = new PaymentRecording(receivables, accounts, Gateways(defaultName), new InMemoryPendingAdjustments(), outbox, clock,
            Collection(accounts, defaultName));
        return (recording, accounts);
    }
}
