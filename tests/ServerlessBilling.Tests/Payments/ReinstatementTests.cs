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

/// <summary>An account suspended for unpaid invoices is reinstated when the last invoice past its suspension point is paid, not before.</summary>
public sealed class ReinstatementTests
{
    private static readonly Invoice March = Final(new BillingPeriod(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)), "INV-000007");
    private static readonly Invoice April = Final(new BillingPeriod(new LocalDate(2026, 4, 1), new LocalDate(2026, 5, 1)), "INV-000008");
    private static readonly Account Acme = new("acme", "Acme", "plan", new BillingProfile("UTC", 1, "USD", 0));

    private readonly InMemoryReceivables receivables = new();
    private readonly InMemoryAccountDirectory accounts = new(Acme);
    private readonly InMemoryOutbox outbox = new();
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 5, 20, 12, 0));
    private readonly InvoiceCollection collection;
    private readonly DunningSteps steps;

    public ReinstatementTests()
    {
        var invoices = new InMemoryInvoices(March, April);
        collection = new InvoiceCollection(receivables, invoices, accounts, PaymentGateways.Only(new ScriptedGateway()), outbox, clock, DunningPolicy.Default);
        steps = new DunningSteps(receivables, accounts, new InMemoryPendingAdjustments(), outbox, clock, collection,
            new LateFeeInvoices(invoices, new SequentialNumbers(), new FlakyRenderer(), outbox));
    }

    [Fact]
    public async Task PayingOneInvoice_WhileAnotherIsPastItsSuspension_KeepsTheAccountSuspendedUntilThatOneIsPaid()
    {
        await OpenAsync(March);
        await OpenAsync(April);
        await steps.ApplyAsync(Step(March, DunningStepKind.Suspend), default);
        await steps.ApplyAsync(Step(April, DunningStepKind.Suspend), default);

        await PayAsync(March);
        var afterMarch = await steps.ApplyAsync(Step(March, DunningStepKind.Reinstate), default);
        var suspendedAfterMarch = (await accounts.FindAsync("acme", default))!.SuspendedAt;
        await PayAsync(April);
        var afterApril = await steps.ApplyAsync(Step(April, DunningStepKind.Reinstate), default);

        (afterMarch.Suspended, afterApril.Suspended).ShouldBe((true, false));
        suspendedAfterMarch.ShouldBe(clock.GetCurrentInstant());
        (await accounts.FindAsync("acme", default))!.SuspendedAt.ShouldBeNull();
        outbox.Events.Where(e => e.Type == PaymentEvents.AccountReinstated).Select(e => e.Id).ShouldBe([$"account.reinstated:{Collection(April)}"]);
    }

    [Fact]
    public async Task PayingTheInvoiceThatSuspended_WithAnotherStillInItsRetries_Reinstates()
    {
        await OpenAsync(March);
        await OpenAsync(April);
        await steps.ApplyAsync(Step(March, DunningStepKind.Suspend), default);

        await PayAsync(March);
        var state = await steps.ApplyAsync(Step(March, DunningStepKind.Reinstate), default);

        state.Suspended.ShouldBeFalse();
        (await receivables.FindAsync(March.Id, default))!.SuspendedAccountAt.ShouldBeNull();
    }

    private static Invoice Final(BillingPeriod period, string number) =>
        new Invoice(Invoice.IdFor("acme", period), "acme", "Acme", period, "USD",
            [new InvoiceLine(LineCategory.PlatformFee, "Platform", 1m, "month", 100m, new Money(100m, "USD"))])
            .Finalize(number, period.End, netTermsDays: 0);

    private static string Collection(Invoice invoice) => new CollectionRequest("acme", invoice.Id).CollectionId;

    private static DunningStep Step(Invoice invoice, DunningStepKind kind) => new("acme", invoice.Id, Collection(invoice), kind);

    private Task OpenAsync(Invoice invoice) => collection.OpenAsync(new CollectionRequest("acme", invoice.Id), default);

    private Task PayAsync(Invoice invoice) =>
        receivables.UpdateAsync(invoice.Id, r => r.With(new PaymentEntry("offline:k", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, new Money(100m, "USD"), clock.GetCurrentInstant())) with { Status = ReceivableStatus.Paid }, default);
}
