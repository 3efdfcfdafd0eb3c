using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.Migrations;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Payments.Migrations;

/// <summary>Each line's outcome, decided against the accounts as stored: moved, moved before, left alone with its reason, or refused.</summary>
public class PaymentMigrationsTests
{
    private const string Header = "old_customer_id,old_payment_method_id,new_customer_id,new_payment_method_id\n";
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 4, 15, 0);

    private readonly InMemoryAccountDirectory accounts = new(
        OnAuthorizeNet("dentist", "1501", "2601"),
        OnAuthorizeNet("realtor", "1502", "2602"),
        OnAuthorizeNet("clinic", "1503", null),
        new Account("stripe-only", "Stripe Only", "p", new BillingProfile("UTC", 1, "USD")) { Payment = new PaymentProfile(PaymentGatewayNames.Stripe, "cus_Own") });

    private readonly InMemoryOutbox outbox = new();
    private readonly InMemoryPaymentMigrationLog log = new();
    private readonly RefusingGateway stripe = new("pm_Gone");

    [Fact]
    public async Task ImportAsync_EachKindOfLine_HasItsOutcomeAndOnlyTheMatchingAccountMoves()
    {
        var migration = await ImportAsync(
            "1501,2601,cus_D,pm_D\n" +
            "1502,2699,cus_R,pm_R\n" +
            "1503,2603,cus_C,pm_C\n" +
            "1999,2999,cus_X,pm_X\n" +
            "1501,2601,cus_D,pm_D\n" +
            "1504,,cus_Y,pm_Y\n");

        migration.Lines.Select(l => (l.Line, l.Outcome, l.AccountId, l.Reason)).ShouldBe([
            (2, PaymentMigrationOutcome.Migrated, "dentist", null),
            (3, PaymentMigrationOutcome.Skipped, "realtor", "old_payment_method_id on line 3: account 'realtor' pays with payment profile '2602', not '2699'"),
            (4, PaymentMigrationOutcome.Skipped, "clinic", "old_payment_method_id on line 4: account 'clinic' has no payment method on file to move"),
            (5, PaymentMigrationOutcome.Skipped, null, "old_customer_id on line 5: no account pays through Authorize.Net customer '1999'"),
            (6, PaymentMigrationOutcome.Rejected, null, "old_customer_id on line 6: customer '1501' is already on line 2"),
            (7, PaymentMigrationOutcome.Rejected, null, "old_payment_method_id on line 7: is required"),
        ]);
        (migration.Migrated, migration.AlreadyMigrated, migration.Skipped, migration.Rejected).ShouldBe((1, 0, 3, 2));
        var moved = (await accounts.FindAsync("dentist", default))!.Payment;
        moved.ShouldBe(new PaymentProfile(PaymentGatewayNames.Stripe, "cus_D", new PaymentMethodOnFile("pm_D", PaymentMethodKind.Card, "Visa ••••4242"), Now,
            new PreviousPaymentProfile(PaymentGatewayNames.AuthorizeNet, "1501", "2601", migration.ImportId, Now)));
        (await accounts.FindAsync("realtor", default))!.Payment!.Gateway.ShouldBe(PaymentGatewayNames.AuthorizeNet);
        stripe.Defaults.ShouldBe([("cus_D", "pm_D")]);
        (await log.FindAsync(migration.ImportId, default))!.Lines.ShouldBe(migration.Lines);
    }

    [Fact]
    public async Task ImportAsync_TheSameFileAgain_IsAlreadyMigratedAndAnnouncesOnce()
    {
        var first = await ImportAsync("1501,2601,cus_D,pm_D\n");
        var again = await ImportAsync("1501,2601,cus_D,pm_D\n");

        again.ImportId.ShouldNotBe(first.ImportId);
        again.Lines.Single().ShouldBe(new PaymentMigrationLine(2, PaymentMigrationOutcome.AlreadyMigrated, "dentist", "1501", "2601", "cus_D", "pm_D"));
        var announced = outbox.Events.Single();
        (announced.Type, announced.Id, announced.Subject).ShouldBe((PaymentEvents.PaymentMethodMigrated, "payment_method.migrated:dentist:authorizenet:2601", "dentist"));
        announced.Data.GetProperty("paymentMethodId").GetString().ShouldBe("pm_D");
        announced.Data.GetProperty("importId").GetString().ShouldBe(first.ImportId);
        stripe.Defaults.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ImportAsync_GatewayFails_LineIsFailedWithTheGatewaysMessageAndTheAccountStays()
    {
        var migration = await ImportAsync("1501,2601,cus_D,pm_Gone\n");

        migration.Lines.Single().ShouldBe(new PaymentMigrationLine(2, PaymentMigrationOutcome.Failed, "dentist", "1501", "2601", "cus_D", "pm_Gone",
            "new_payment_method_id on line 2: Stripe did not make it customer 'cus_D''s default (No such PaymentMethod: 'pm_Gone'); import the line again to retry"));
        (migration.Failed, migration.Skipped).ShouldBe((1, 0));
        (await accounts.FindAsync("dentist", default))!.Payment!.Gateway.ShouldBe(PaymentGatewayNames.AuthorizeNet);
        outbox.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_GatewayMessageNamesAKey_TheKeyIsMasked()
    {
        stripe.Message = "Invalid API Key provided: sk_live_51AbCdEf0123456789";

        var migration = await ImportAsync("1501,2601,cus_D,pm_Gone\n");

        migration.Lines.Single().Reason.ShouldBe(
            "new_payment_method_id on line 2: Stripe did not make it customer 'cus_D''s default (Invalid API Key provided: sk_live_****); import the line again to retry");
    }

    [Fact]
    public async Task ImportAsync_AgainOnceTheGatewayWorks_MigratesTheFailedLine()
    {
        var failed = await ImportAsync("1501,2601,cus_D,pm_Gone\n");
        stripe.Unknown = null;

        var retried = await ImportAsync("1501,2601,cus_D,pm_Gone\n");

        (failed.Lines.Single().Outcome, retried.Lines.Single().Outcome).ShouldBe((PaymentMigrationOutcome.Failed, PaymentMigrationOutcome.Migrated));
        (await accounts.FindAsync("dentist", default))!.Payment!.CustomerId.ShouldBe("cus_D");
        outbox.Events.Single().Type.ShouldBe(PaymentEvents.PaymentMethodMigrated);
    }

    [Theory]
    [InlineData(null, "stripe", "from", "is required: the gateway's name, e.g. authorizenet or stripe")]
    [InlineData("authorizenet", "paypal", "to", "'paypal' is not a gateway: use stripe or authorizenet")]
    [InlineData("stripe", "stripe", "to", "is the gateway accounts are moved from ('stripe')")]
    public async Task ImportAsync_BadGateways_IsInvalidNamingTheParameterAndStoresNothing(string? from, string to, string field, string reason)
    {
        var imported = await Migrations().ImportAsync(from, to, new StringReader(Header + "1501,2601,cus_D,pm_D\n"), default);

        imported.Problem!.Fields.ShouldBe([new RecordProblem(field, reason)]);
        stripe.Defaults.ShouldBeEmpty();
    }

    private async Task<PaymentMigration> ImportAsync(string lines) =>
        (await Migrations().ImportAsync(PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe, new StringReader(Header + lines), default)).Value;

    private PaymentMigrations Migrations() => new(accounts,
        new PaymentGateways(new Dictionary<string, IPaymentGateway> { [PaymentGatewayNames.Stripe] = stripe, [PaymentGatewayNames.AuthorizeNet] = new ScriptedGateway() }, PaymentGatewayNames.Stripe),
        log, outbox, new FakeClock(Now));

    private static Account OnAuthorizeNet(string id, string customerId, string? paymentProfileId) =>
        new(id, id, "p", new BillingProfile("UTC", 1, "USD"))
        {
            Payment = new PaymentProfile(PaymentGatewayNames.AuthorizeNet, customerId,
                paymentProfileId is null ? null : new PaymentMethodOnFile(paymentProfileId, PaymentMethodKind.Card, "Visa ••••1111")),
        };

    /// <summary>Makes any method the default, as Stripe does for one its migration imported, except the one it does not know.</summary>
    private sealed class RefusingGateway(string unknown) : IPaymentGateway
    {
        public List<(string CustomerId, string PaymentMethodId)> Defaults { get; } = [];

        /// <summary>The method it does not know; null once it knows every one.</summary>
        public string? Unknown { get; set; } = unknown;

        /// <summary>What it says about the unknown method; null for "No such PaymentMethod".</summary>
        public string? Message { get; set; }

        public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken)
        {
            if (paymentMethodId == Unknown)
            {
                throw new InvalidOperationException(Message ?? $"No such PaymentMethod: '{paymentMethodId}'");
            }

            Defaults.Add((customerId, paymentMethodId));
            return Task.FromResult(new PaymentMethodOnFile(paymentMethodId, PaymentMethodKind.Card, "Visa ••••4242"));
        }

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
            SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

        public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
