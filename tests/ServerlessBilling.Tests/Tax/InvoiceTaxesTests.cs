using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The close's use of the engine: a draft invoice gets its tax lines, and AI minutes stay out of the USF base.</summary>
public class InvoiceTaxesTests
{
    private static readonly BillingPeriod April = BillingPeriod.Containing(new LocalDate(2026, 4, 1), 1);
    private static readonly ITaxCalculator Calculator = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);
    private static readonly PostalAddress Portland = new("1 SW Main St", "Portland", "OR", "97204", "US");

    private static Invoice Draft() => new(Invoice.IdFor("acme", April), "acme", "Acme", April, "USD",
    [
        new(LineCategory.PlatformFee, "Platform fee", 1, "month", 49m, new Money(49m, "USD")),
        new(LineCategory.Numbers, "Local numbers (2)", 2, "number", 1.5m, new Money(3m, "USD")),
        new(LineCategory.Usage, "Outbound calling minutes", 25, "min", 0.02m, new Money(0.50m, "USD")) { Component = UsageComponent.Telephony },
        new(LineCategory.Usage, "Inbound AI voice minutes", 100, "min", 0.10m, new Money(10m, "USD")) { Component = UsageComponent.AiVoice },
    ]);

    private static readonly NumberAssignment[] Numbers =
    [
        new("+15035550100", "acme", NumberType.Local, new LocalDate(2025, 1, 1)),
        new("+15035550101", "acme", NumberType.Local, new LocalDate(2025, 1, 1)),
    ];

    [Fact]
    public async Task AddToAsync_AccountInAStateWithoutTables_BillsFederalUsfOnTelecomChargesOnly()
    {
        // Invoice dated May 1, 2026 (the day April's period ends): Q2 2026 factor 37.0%.
        // Telecom base: numbers 3.00 + calling 0.50 = 3.50; the platform fee and AI minutes are not telecom.
        // 3.50 × 0.649 safe harbor × 0.370 = 0.840455 → 0.84.
        var account = new Account("acme", "Acme", "p", new BillingProfile("America/Los_Angeles", 1, "USD"), Portland);

        var invoice = await InvoiceTaxes.AddToAsync(Draft(), account, Numbers, Calculator, CancellationToken.None);

        var usf = invoice.Lines.Where(l => l.Category == LineCategory.Taxes).ShouldHaveSingleItem();
        usf.Description.ShouldStartWith("Federal Universal Service Fund");
        usf.Amount.ShouldBe(new Money(0.84m, "USD"));
        invoice.Lines.Select(l => l.Tax).OfType<TaxLine>().Single().TaxableBase.ShouldBe(2.2715m); // the interstate part of 3.50
        invoice.Total.Amount.ShouldBe(63.34m); // 62.50 + 0.84: the total is still the sum of the lines
        invoice.TaxNotices.ShouldBe([PortlandNotCovered]);
    }

    private static readonly TaxNotice PortlandNotCovered = new("US-OR", TaxNoticeReason.JurisdictionNotCovered,
        "no tax table covers Portland, OR: only the federal rules were applied; store a table for the state if taxes are owed there") { Date = "2026-05-01" };

    [Fact]
    public async Task AddToAsync_ResellerWithAValidCertificate_PaysNoUsf()
    {
        var certificate = new ResellerCertificate("831234", new LocalDate(2026, 1, 15), new LocalDate(2027, 1, 14));
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"), Portland)
        {
            Tax = new AccountTaxProfile(ResellerCertificates: [certificate]),
        };

        var invoice = await InvoiceTaxes.AddToAsync(Draft(), account, Numbers, Calculator, CancellationToken.None);

        invoice.Lines.ShouldNotContain(l => l.Category == LineCategory.Taxes);
        invoice.TaxNotices.Select(n => (n.Reason, n.RuleKey, n.Table)).ShouldBe(
            [(TaxNoticeReason.Resale, "us-fusf", "federal"), (TaxNoticeReason.JurisdictionNotCovered, "US-OR", null)]);
        invoice.TaxNotices[1].ShouldBe(PortlandNotCovered);
    }

    [Fact]
    public async Task AddToAsync_NoServiceAddress_LeavesTheInvoiceUntaxed()
    {
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"));
        var draft = Draft();
        var invoice = await InvoiceTaxes.AddToAsync(draft, account, Numbers, Calculator, CancellationToken.None);
        invoice.ShouldBeSameAs(draft);
        invoice.TaxNotices.ShouldBeEmpty();
    }
}
