using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Tax;

/// <summary>A credit note's ledger row takes back exactly what it credits; every expected figure is worked by hand in the comments.</summary>
public class CreditNoteTaxLedgerTests
{
    private static readonly BillingPeriod April = BillingPeriod.Containing(new LocalDate(2026, 4, 1), 1);
    private static readonly ITaxCalculator Calculator = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);
    private static readonly Account Acme = new("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"), new PostalAddress("1 SW Main St", "Portland", "OR", "97204", "US"));
    private static readonly NumberAssignment[] Numbers = [new("+15035550100", "acme", NumberType.Local, new LocalDate(2025, 1, 1))];

    // Platform 49 + numbers 3.00 + outbound 0.50 + AI minutes 10 + USF 0.84 (see TaxLedgerEntryTests) = 63.34.
    private static async Task<Invoice> InvoiceAsync()
    {
        var draft = new Invoice(Invoice.IdFor("acme", April), "acme", "Acme", April, "USD",
        [
            new(LineCategory.PlatformFee, "Platform fee", 1, "month", 49m, new Money(49m, "USD")),
            new(LineCategory.Numbers, "Local numbers (2)", 2, "number", 1.5m, new Money(3m, "USD")),
            new(LineCategory.IncludedUsage, "Included minutes", 100, "min", 0m, new Money(0m, "USD")),
            new(LineCategory.Usage, "Outbound calling minutes", 25, "min", 0.02m, new Money(0.50m, "USD")) { Component = UsageComponent.Telephony },
            new(LineCategory.Usage, "Inbound AI voice minutes", 100, "min", 0.10m, new Money(10m, "USD")) { Component = UsageComponent.AiVoice },
        ]);
        var taxed = await InvoiceTaxes.AddToAsync(draft, Acme, Numbers, Calculator, CancellationToken.None);
        return taxed.Finalize("INV-0001", new LocalDate(2026, 5, 1), 30);
    }

    private static int UsfLine(Invoice invoice) => invoice.Lines.ToList().FindIndex(l => l.Tax?.Kind == TaxKind.FederalUsfRecovery);

    private static CreditNote Note(Invoice invoice, CreditNoteRequest request, LocalDate issued)
    {
        var plan = request.Plan(invoice, []);
        plan.Problems.ShouldBeEmpty();
        return new CreditNote(CreditNote.IdFor(invoice.Id, request.IdempotencyKey!), "CN-000001", "acme", "Acme", invoice.Id, invoice.Number!, "USD",
            request.Reason!, plan.Lines, issued, request.IdempotencyKey!);
    }

    [Fact]
    public async Task Entry_LineCredit_NegatesExactlyTheCreditedLinesSplitAndTax()
    {
        var invoice = await InvoiceAsync();
        var note = Note(invoice, new CreditNoteRequest("k1", "Disputed calls", Lines: [3, UsfLine(invoice)]), new LocalDate(2026, 6, 3));

        var entry = CreditNoteTaxLedger.Entry(note, invoice);

        (entry.CreditNoteId, entry.InvoiceId, entry.Number, entry.IssueDate, entry.UnclassifiedRevenue)
            .ShouldBe((note.Id, invoice.Id, "CN-000001", new LocalDate(2026, 6, 3), 0m));
        // The outbound minutes as taxed: 0.50 = 0.3245 interstate (64.9 %) + 0.1755 intrastate; the platform, numbers and AI minutes are untouched.
        entry.Revenue.ShouldBe([new LedgerRevenue(ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, null, null, -0.50m, -0.3245m, 0m, -0.1755m, AllocationMethod.SafeHarbor)]);
        entry.Taxes.ShouldBe([new LedgerTax("us-fusf", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, -0.84m, -0.840455m)]);
    }

    [Fact]
    public async Task Allocate_AmountWithARoundingResidual_PutsTheCentOnTheLargestLine()
    {
        var invoice = await InvoiceAsync();

        var parts = CreditNoteTaxLedger.Allocate(5.00m, invoice);

        // 5.00 × line ÷ 63.34, half up: 49 → 3.868 → 3.87; 3 → 0.2368 → 0.24; 0.50 → 0.0395 → 0.04; 10 → 0.7894 → 0.79;
        // 0.84 → 0.0663 → 0.07. They sum to 5.01: the platform fee, the largest line, gives back the cent (3.86).
        parts.Select(p => (p.Line.Description, p.Part)).ShouldBe(
        [
            ("Platform fee", 3.86m), ("Local numbers (2)", 0.24m), ("Outbound calling minutes", 0.04m), ("Inbound AI voice minutes", 0.79m),
            (invoice.Lines[UsfLine(invoice)].Description, 0.07m),
        ]);
    }

    [Fact]
    public async Task Entry_AmountCredit_TakesEachLinesShareOfRevenueAndTax()
    {
        var invoice = await InvoiceAsync();
        var note = Note(invoice, new CreditNoteRequest("k2", "Goodwill", Amount: 5.00m), new LocalDate(2026, 6, 3));

        var entry = CreditNoteTaxLedger.Entry(note, invoice);

        entry.Revenue.ShouldBe(
        [
            // 0.04 of 0.50 (8 %): interstate 0.3245 × 8 % = 0.02596, intrastate the rest, 0.01404.
            new LedgerRevenue(ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, null, null, -0.04m, -0.02596m, 0m, -0.01404m, AllocationMethod.SafeHarbor),
            // 0.24 of 3.00 (8 %): 1.947 × 8 % = 0.15576, intrastate 0.08424.
            new LedgerRevenue(ProductCategory.VoipAccess, Form499Category.EndUserTelecom, null, null, -0.24m, -0.15576m, 0m, -0.08424m, AllocationMethod.SafeHarbor),
            // Platform 3.86 + AI minutes 0.79.
            new LedgerRevenue(ProductCategory.AiPlatform, Form499Category.NonTelecom, null, null, -4.65m, 0m, 0m, -4.65m, AllocationMethod.SafeHarbor),
        ]);
        // 0.07 of the 0.84 USF line; its unrounded 0.840455 × 0.07 ÷ 0.84 = 0.0700379166…
        var usf = entry.Taxes.ShouldHaveSingleItem();
        (usf.RuleKey, usf.Amount, decimal.Round(usf.Unrounded, 8)).ShouldBe(("us-fusf", -0.07m, -0.07003792m));
        // The parts sum to the credit exactly: 0.04 + 0.24 + 4.65 + 0.07 = 5.00.
        (entry.Revenue.Sum(r => r.Total) + entry.Taxes.Sum(t => t.Amount)).ShouldBe(-5.00m);
    }

    [Fact]
    public async Task Reports_CreditOfTheTaxLine_ReducesLiabilityInTheCreditNotesMonth()
    {
        var invoice = await InvoiceAsync();
        var note = Note(invoice, new CreditNoteRequest("k3", "USF billed in error", Lines: [UsfLine(invoice)]), new LocalDate(2026, 6, 3));
        TaxLedgerEntry[] ledger = [TaxLedgerEntry.From(invoice), CreditNoteTaxLedger.Entry(note, invoice)];

        var liability = TaxLiabilityReport.For(2026, ledger);
        var usf = UsfRecoveryReport.For(2026, ledger).Quarters.ShouldHaveSingleItem();
        var worksheet = Form499Worksheet.For(2026, ledger);

        // May's 0.84 billed stays in May; June owes 0.84 less.
        liability.Rows.Select(r => (r.Month, r.RuleKey, r.Amount, r.Unrounded, r.Invoices, r.CreditNotes))
            .ShouldBe([("2026-05", "us-fusf", 0.84m, 0.840455m, 1, 0), ("2026-06", "us-fusf", -0.84m, -0.840455m, 0, 1)]);
        // Both in Q2: 0.84 − 0.84 billed on an unchanged base of 1.947 + 0.3245 = 2.2715.
        (usf.Quarter, usf.Billed, usf.Base, usf.EffectiveRate, usf.Invoices, usf.CreditNotes).ShouldBe(("2026-Q2", 0m, 2.2715m, 0m, 1, 1));
        worksheet.Rows.Single(r => r.Description == "Federal USF recovery billed").Total.ShouldBe(0m);
        (worksheet.Invoices, worksheet.CreditNotes).ShouldBe((1, 1));
    }

    [Fact]
    public async Task Entry_NoteOfAnotherInvoice_Throws()
    {
        var invoice = await InvoiceAsync();
        var note = Note(invoice, new CreditNoteRequest("k4", "x", Amount: 1m), new LocalDate(2026, 6, 3)) with { InvoiceId = "other" };

        Should.Throw<InvalidOperationException>(() => CreditNoteTaxLedger.Entry(note, invoice)).Message.ShouldContain("not " + invoice.Id);
    }
}
