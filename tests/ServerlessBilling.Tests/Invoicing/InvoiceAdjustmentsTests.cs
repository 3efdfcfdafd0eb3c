using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tests.Invoicing;

public class InvoiceAdjustmentsTests
{
    private static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2025, 7, 1), 1);
    private static readonly Instant Noon = Instant.FromUtc(2025, 7, 20, 12, 0);

    private static Invoice Draft(params InvoiceLine[] lines) => new("acme-20250701", "acme", "Acme", July, "USD", lines);

    private static InvoiceLine Line(LineCategory category, string description, decimal amount, string? location = null) =>
        new(category, description, 1, "month", null, new Money(amount, "USD")) { Location = location };

    private static PendingAdjustment Adjustment(string id, AdjustmentKind kind, decimal amount, int minutesLater = 0, string? billedOn = null) =>
        new(id, "acme", kind, $"{kind} {id}", new Money(amount, "USD"), Noon.Plus(Duration.FromMinutes(minutesLater))) { BilledOnInvoiceId = billedOn };

    [Fact]
    public void AddTo_ChargesAndCredits_AreLinesBeforeTheTaxesOldestFirstOutsideTheTaxBase()
    {
        var draft = Draft(Line(LineCategory.PlatformFee, "Platform", 20m), Line(LineCategory.Usage, "Minutes", 5m), Line(LineCategory.Taxes, "USF", 1.25m));

        var invoice = InvoiceAdjustments.AddTo(draft,
        [
            Adjustment("credit", AdjustmentKind.CreditBalance, -3.50m, minutesLater: 5),
            Adjustment("late", AdjustmentKind.LateFee, 2.00m),
        ]);

        invoice.Lines.Select(l => (l.Category, l.AdjustmentId, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, null, 20.00m),
            (LineCategory.Usage, null, 5.00m),
            (LineCategory.Adjustments, "late", 2.00m),
            (LineCategory.Adjustments, "credit", -3.50m),
            (LineCategory.Taxes, null, 1.25m),
        ]);
        invoice.Total.Amount.ShouldBe(24.75m); // 20 + 5 + 2 − 3.50 + 1.25: the tax line is the draft's, untouched
        InvoiceAdjustments.BilledIds(invoice).ShouldBe(["late", "credit"]);
        InvoiceAdjustments.CarriedForward(invoice, Noon).ShouldBeNull();
    }

    [Fact]
    public void AddTo_CreditsAboveTheCharges_FloorsAtZeroAndCarriesTheRemainderForward()
    {
        var draft = Draft(Line(LineCategory.PlatformFee, "Platform", 20m));

        var invoice = InvoiceAdjustments.AddTo(draft, [Adjustment("big-credit", AdjustmentKind.CreditBalance, -32.40m)]);

        invoice.Lines.Select(l => (l.Description, l.Amount.Amount)).ShouldBe(
        [
            ("Platform", 20.00m),
            ("CreditBalance big-credit", -32.40m),
            (InvoiceAdjustments.CarriedForwardDescription, 12.40m),
        ]);
        invoice.Total.Amount.ShouldBe(0m);
        InvoiceAdjustments.BilledIds(invoice).ShouldBe(["big-credit"]);
        var carried = InvoiceAdjustments.CarriedForward(invoice with { Number = "INV-000007" }, Noon).ShouldNotBeNull();
        (carried.Id, carried.Kind, carried.Amount.Amount, carried.SourceInvoiceId, carried.Description).ShouldBe(
            ("carry-forward:acme-20250701", AdjustmentKind.CreditBalance, -12.40m, "acme-20250701", "Credit carried forward from invoice INV-000007"));
    }

    [Fact]
    public void AddTo_ItsOwnCarryForward_IsNotBilledOnTheInvoiceThatCreatedIt()
    {
        var draft = Draft(Line(LineCategory.PlatformFee, "Platform", 20m));

        var invoice = InvoiceAdjustments.AddTo(draft,
            [Adjustment(InvoiceAdjustments.CarryForwardId(draft.Id), AdjustmentKind.CreditBalance, -5m), Adjustment("other-account", AdjustmentKind.Manual, 1m) with { AccountId = "zeta" }]);

        invoice.ShouldBeSameAs(draft);
    }

    [Fact]
    public void AddTo_ConsolidatedInvoice_PutsTheAdjustmentsInTheParentsPartSoSubtotalsStillAddUp()
    {
        var draft = Draft(
            Line(LineCategory.PlatformFee, "Platform", 20m, "Acme"),
            Line(LineCategory.Taxes, "USF", 1m, "Acme"),
            Line(LineCategory.PlatformFee, "Platform", 10m, "Branch"));

        var invoice = InvoiceAdjustments.AddTo(draft, [Adjustment("late", AdjustmentKind.LateFee, 4m)]);

        invoice.Lines.Select(l => (l.Location, l.Category)).ShouldBe(
        [
            ("Acme", LineCategory.PlatformFee),
            ("Acme", LineCategory.Adjustments),
            ("Acme", LineCategory.Taxes),
            ("Branch", LineCategory.PlatformFee),
        ]);
        invoice.Subtotals.Select(s => (s.Location, s.Amount.Amount)).ShouldBe([("Acme", 25m), ("Branch", 10m)]);
        invoice.Subtotals.Sum(s => s.Amount.Amount).ShouldBe(invoice.Total.Amount);
    }
}
