using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Tests.Invoicing;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Late fees billed on an invoice of their own, against one 100.00 USD invoice (New York, 15 days net) paid late.</summary>
public sealed class LateFeeInvoiceTests
{
    private static readonly BillingPeriod March = new(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1));
    private static readonly Invoice Final = new Invoice("acme-20260301", "acme", "Acme", March, "USD",
        [new InvoiceLine(LineCategory.PlatformFee, "Platform", 1m, "month", 100m, new Money(100m, "USD"))])
        .Finalize("INV-000007", new LocalDate(2026, 3, 1), netTermsDays: 15);

    private static readonly LateFeePolicy OwnInvoice = new(LateFeeBasis.PercentOfBalance, 1.5m, Duration.Zero, Placement: LateFeePlacement.OwnInvoice);

    private static readonly Account Acme = new("acme", "Acme", "plan", new BillingProfile("America/New_York", 1, "USD", 15, CollectionMethod.SendInvoice))
    {
        Dunning = DunningPolicy.Default with { LateFee = OwnInvoice },
    };

    private static readonly string FeeInvoiceId = LateFeeInvoices.IdFor(Final.Id, 1);

    private readonly InMemoryReceivables receivables = new();
    private readonly InMemoryPendingAdjustments adjustments = new();
    private readonly InMemoryInvoices invoices = new(Final);
    private readonly SequentialNumbers numbers = new();
    private readonly FlakyRenderer renderer = new();
    private readonly InMemoryOutbox outbox = new();
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 4, 2, 3, 30)); // 23:30 on April 1 in New York

    [Fact]
    public void Draft_is_one_untaxed_line_for_the_fee_following_up_the_invoice_paid_late()
    {
        var draft = LateFeeInvoices.Draft(Final, new AssessedFee(FeeInvoiceId, new Money(1.50m, "USD"), clock.GetCurrentInstant()));

        (draft.Id, draft.AccountId, draft.Period, draft.LateFeeOn, draft.IsFinal).ShouldBe((FeeInvoiceId, "acme", March, Final.Id, false));
        var line = draft.Lines.ShouldHaveSingleItem();
        (line.Category, line.Description, line.Amount).ShouldBe((LineCategory.Adjustments, "Late fee on invoice INV-000007", new Money(1.50m, "USD")));
        draft.Total.ShouldBe(new Money(1.50m, "USD"));
    }

    [Fact]
    public async Task An_own_invoice_late_fee_is_one_final_invoice_with_one_number_however_often_the_step_runs()
    {
        var steps = await StepsAsync();

        await steps.ApplyAsync(LateFeeStep, default);
        var state = await steps.ApplyAsync(LateFeeStep, default);

        var feeInvoice = invoices.All.Single(i => i.Id == FeeInvoiceId);
        (feeInvoice.Number, feeInvoice.IssueDate, feeInvoice.DueDate, feeInvoice.Total)
            .ShouldBe(("INV-000001", new LocalDate(2026, 4, 1), new LocalDate(2026, 4, 16), new Money(1.50m, "USD")));
        numbers.Taken.ShouldBe(1);
        outbox.Events.Where(e => e.Type == DomainEvent.InvoiceFinalized).ShouldHaveSingleItem().Id.ShouldBe($"{DomainEvent.InvoiceFinalized}:{FeeInvoiceId}");
        outbox.Events.Where(e => e.Type == PaymentEvents.LateFeeAssessed).ShouldHaveSingleItem();
        adjustments.All.ShouldBeEmpty("the fee is not billed a second time on the next invoice");
        (await receivables.FindAsync(Final.Id, default))!.Fees.ShouldHaveSingleItem().Id.ShouldBe(FeeInvoiceId);
        (state.LateFeesAssessed, state.BalanceDue).ShouldBe((1, new Money(100m, "USD")), "the issued invoice is never edited");
    }

    [Fact]
    public async Task A_step_that_crashed_part_way_finishes_the_same_invoice_on_retry()
    {
        var steps = await StepsAsync();
        renderer.Failures = 1;

        await Should.ThrowAsync<IOException>(() => steps.ApplyAsync(LateFeeStep, default));
        clock.Advance(Duration.FromDays(1));
        await receivables.UpdateAsync(Final.Id, r => r.With(new PaymentEntry("chq-1", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, new Money(60m, "USD"), clock.GetCurrentInstant())), default);
        await steps.ApplyAsync(LateFeeStep, default);

        var feeInvoice = invoices.All.Single(i => i.Id == FeeInvoiceId);
        (feeInvoice.Number, feeInvoice.IssueDate, feeInvoice.Total.Amount)
            .ShouldBe(("INV-000001", new LocalDate(2026, 4, 1), 1.50m), "amount and date are the fee's as first recorded, not recomputed");
        numbers.Taken.ShouldBe(1);
    }

    [Fact]
    public async Task A_recorded_fee_keeps_its_placement_when_the_policy_changes_before_a_retry()
    {
        await (await StepsAsync()).ApplyAsync(LateFeeStep, default);
        var changed = Acme with { Dunning = DunningPolicy.Default with { LateFee = OwnInvoice with { Placement = LateFeePlacement.NextInvoice } } };

        await (await StepsAsync(changed)).ApplyAsync(LateFeeStep, default);

        adjustments.All.ShouldBeEmpty();
        (await receivables.FindAsync(Final.Id, default))!.Fees.ShouldHaveSingleItem().Id.ShouldBe(FeeInvoiceId);
    }

    [Fact]
    public async Task The_collection_of_a_late_fee_invoice_charges_no_late_fee_on_it()
    {
        var steps = await StepsAsync();
        await steps.ApplyAsync(LateFeeStep, default);
        var feeCollection = new CollectionRequest("acme", FeeInvoiceId);

        var opened = await Collection().OpenAsync(feeCollection, default);
        var applied = await steps.ApplyAsync(new DunningStep("acme", FeeInvoiceId, feeCollection.CollectionId, DunningStepKind.LateFee, 1), default);

        opened.Policy.LateFee.ShouldBeNull();
        applied.LateFeesAssessed.ShouldBe(0);
        invoices.All.Select(i => i.Id).ShouldBe([Final.Id, FeeInvoiceId], ignoreOrder: true);
    }

    [Fact]
    public async Task The_late_fee_invoice_collection_is_named_only_once_the_invoice_is_final()
    {
        var lateFees = new LateFeeInvoices(invoices, numbers, renderer, outbox);
        (await lateFees.CollectionOfAsync(LateFeeStep, default)).ShouldBeNull();

        await (await StepsAsync()).ApplyAsync(LateFeeStep, default);

        (await lateFees.CollectionOfAsync(LateFeeStep, default))!.CollectionId.ShouldBe($"collect:{FeeInvoiceId}");
    }

    [Fact]
    public void A_placement_that_is_not_one_is_refused_naming_the_field() =>
        (OwnInvoice with { Placement = (LateFeePlacement)7 }).Validate().ShouldBe(["lateFee.placement: must be NextInvoice or OwnInvoice."]);

    private static DunningStep LateFeeStep => new("acme", Final.Id, $"collect:{Final.Id}", DunningStepKind.LateFee, 1);

    private InvoiceCollection Collection() =>
        new(receivables, invoices, new InMemoryAccountDirectory(Acme), PaymentGateways.Only(new ScriptedGateway()), outbox, clock, DunningPolicy.Default);

    private async Task<DunningSteps> StepsAsync(Account? account = null)
    {
        var collection = Collection();
        await collection.OpenAsync(new CollectionRequest("acme", Final.Id), default);
        return new DunningSteps(receivables, new InMemoryAccountDirectory(account ?? Acme), adjustments, outbox, clock, collection,
            new LateFeeInvoices(invoices, numbers, renderer, outbox));
    }
}
