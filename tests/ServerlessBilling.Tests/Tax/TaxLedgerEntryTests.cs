using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Tax;

/// <summary>A taxed invoice carries each charge's 499-A split and each tax's detail, and its ledger entry sums them.</summary>
public class TaxLedgerEntryTests
{
    private static readonly BillingPeriod April = BillingPeriod.Containing(new LocalDate(2026, 4, 1), 1);
    private static readonly ITaxCalculator Calculator = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);
    private static readonly PostalAddress Portland = new("1 SW Main St", "Portland", "OR", "97204", "US");
    private static readonly NumberAssignment[] Numbers = [new("+15035550100", "acme", NumberType.Local, new LocalDate(2025, 1, 1))];

    private static Invoice Draft() => new(Invoice.IdFor("acme", April), "acme", "Acme", April, "USD",
    [
        new(LineCategory.PlatformFee, "Platform fee", 1, "month", 49m, new Money(49m, "USD")),
        new(LineCategory.Numbers, "Local numbers (2)", 2, "number", 1.5m, new Money(3m, "USD")),
        new(LineCategory.IncludedUsage, "Included minutes", 100, "min", 0m, new Money(0m, "USD")),
        new(LineCategory.Usage, "Outbound calling minutes", 25, "min", 0.02m, new Money(0.50m, "USD")) { Component = UsageComponent.Telephony },
        new(LineCategory.Usage, "Inbound AI voice minutes", 100, "min", 0.10m, new Money(10m, "USD")) { Component = UsageComponent.AiVoice },
    ]);

    private static async Task<Invoice> FinalAsync(Account account)
    {
        var taxed = await InvoiceTaxes.AddToAsync(Draft(), account, Numbers, Calculator, CancellationToken.None);
        return taxed.Finalize("INV-0001", new LocalDate(2026, 5, 1), 30);
    }

    [Fact]
    public async Task From_EndUserInvoice_SumsRevenueBySafeHarborSplitAndTheUsfLine()
    {
        var invoice = await FinalAsync(new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"), Portland));

        var entry = TaxLedgerEntry.From(invoice);

        (entry.InvoiceId, entry.Number, entry.IssueDate, entry.UnclassifiedRevenue).ShouldBe((invoice.Id, "INV-0001", new LocalDate(2026, 5, 1), 0m));
        entry.Revenue.ShouldBe(
        [
            // 0.50 × 64.9 % = 0.3245 interstate, the rest intrastate.
            new LedgerRevenue(ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, null, null, 0.50m, 0.3245m, 0m, 0.1755m, AllocationMethod.SafeHarbor),
            // 3.00 × 64.9 % = 1.947.
            new LedgerRevenue(ProductCategory.VoipAccess, Form499Category.EndUserTelecom, null, null, 3.00m, 1.947m, 0m, 1.053m, AllocationMethod.SafeHarbor),
            // Platform fee 49 + AI minutes 10: not telecom, no interstate part.
            new LedgerRevenue(ProductCategory.AiPlatform, Form499Category.NonTelecom, null, null, 59m, 0m, 0m, 59m, AllocationMethod.SafeHarbor),
        ]);
        // (1.947 + 0.3245) × 37.0 % (Q2 2026) = 0.840455 → 0.84.
        entry.Taxes.ShouldBe([new LedgerTax("us-fusf", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, 0.84m, 0.840455m)]);
    }

    [Fact]
    public async Task From_ResellerWithAValidCertificate_TelecomIsCarriersCarrierWithTheCertificate()
    {
        var certificate = new ResellerCertificate("831234", new LocalDate(2026, 1, 15), new LocalDate(2027, 1, 14));
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"), Portland) { Tax = new AccountTaxProfile(ResellerCertificates: [certificate]) };

        var entry = TaxLedgerEntry.From(await FinalAsync(account));

        entry.Revenue.Where(r => r.Form499 == Form499Category.CarriersCarrier).Select(r => (r.Category, r.ResellerFiler499Id, r.CertificateValidThrough, r.Total))
            .ShouldBe([(ProductCategory.InterconnectedVoipUsage, "831234", new LocalDate(2027, 1, 14), 0.50m), (ProductCategory.VoipAccess, "831234", new LocalDate(2027, 1, 14), 3.00m)]);
        entry.Taxes.ShouldBeEmpty();
    }

    [Fact]
    public void From_UntaxedInvoice_KeepsItsChargesAsUnclassified()
    {
        var invoice = Draft().Finalize("INV-0002", new LocalDate(2026, 5, 1), 30);

        var entry = TaxLedgerEntry.From(invoice);

        (entry.Revenue.Count, entry.Taxes.Count, entry.UnclassifiedRevenue).ShouldBe((0, 0, 62.50m));
    }

    [Fact]
    public void From_Draft_Throws() =>
        Should.Throw<InvalidOperationException>(() => TaxLedgerEntry.From(Draft())).Message.ShouldContain("not final");
}
