using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>California R&amp;T Code 41022: the 911 and 988 surcharges are stated separately or combined as one line labeled
/// "911/988 Surcharge"; the shipped table combines them on the invoice, while the ledger keeps each for its own remittance.</summary>
public class TaxLineDisplayTests
{
    // The shipped 988 rate ends on 2025-01-01, so November 2024 (invoice date 2024-12-01) has both surcharges.
    private static readonly BillingPeriod November2024 = BillingPeriod.Containing(new LocalDate(2024, 11, 1), 1);
    private static readonly ITaxCalculator Calculator = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);
    private static readonly PostalAddress LosAngeles = new("1 Main St", "Los Angeles", "CA", "90012", "US");

    private static Invoice Draft() => new(Invoice.IdFor("acme", November2024), "acme", "Acme", November2024, "USD",
        [new(LineCategory.Numbers, "Local numbers (2)", 2, "number", 1.5m, new Money(3m, "USD"))]);

    private static async Task<Invoice> TaxedAsync()
    {
        var account = new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"), LosAngeles)
        {
            Tax = new AccountTaxProfile(ConcurrentChannels: 3),
        };
        NumberAssignment[] numbers = [new("+12135550100", "acme", NumberType.Local, new LocalDate(2024, 1, 1))];
        return await InvoiceTaxes.AddToAsync(Draft(), account, numbers, Calculator, CancellationToken.None);
    }

    [Fact]
    public async Task Combine_California911And988_OneLineOnTheDocumentTwoOnTheInvoice()
    {
        var invoice = await TaxedAsync();

        var shown = TaxLineDisplay.Combine(invoice.Lines.Where(l => l.Category == LineCategory.Taxes));

        // 3 channels × (0.30 + 0.08) = 1.14, shown once. USF stays alone: numbers 3.00 × 64.9 % = 1.947 × 35.8 % = 0.697026,
        // which half up (0.70) would pass the 54.712 cap, so 0.69.
        shown.Select(l => (l.Description, l.Quantity, l.UnitPrice, l.Amount.Amount)).ShouldBe(
        [
            ("Federal Universal Service Fund (United States)", 1.947m, 0.358m, 0.69m),
            ("911/988 Surcharge (California)", 3m, 0.38m, 1.14m),
        ]);
        invoice.Lines.Where(l => l.Category == LineCategory.Taxes).Select(l => l.Tax!.RuleKey).ShouldBe(["us-fusf", "ca-911", "ca-988"]);
        TaxLedgerEntry.From(invoice.Finalize("INV-0001", new LocalDate(2024, 12, 1), 30)).Taxes.Select(t => (t.RuleKey, t.Amount)).ShouldBe([("us-fusf", 0.69m), ("ca-911", 0.90m), ("ca-988", 0.24m)], ignoreOrder: true);
    }

    [Fact]
    public void Combine_LabelSharedByOnlyOneLine_LeavesItAsItIs()
    {
        var tax = new TaxLine("ca-911", "US-CA", "California", JurisdictionLevel.State, TaxKind.Emergency911, "California 911 Surcharge", null, 0m, null, 0.30m, 3m, 0.90m,
            new Money(0.90m, "USD"), Form499Category.EndUserTelecom) { InvoiceLabel = "911/988 Surcharge" };
        var line = new InvoiceLine(LineCategory.Taxes, "California 911 Surcharge (California)", 3m, "line", 0.30m, new Money(0.90m, "USD")) { Tax = tax };

        TaxLineDisplay.Combine([line]).ShouldBe([line]);
    }

    [Fact]
    public void Combine_SameLabelDifferentLineCounts_ShowsOneAmount()
    {
        TaxLine Tax(string key, decimal units, decimal each) => new(key, "US-CA", "California", JurisdictionLevel.State, TaxKind.Emergency911, key, null, 0m, null, each, units,
            units * each, new Money(units * each, "USD"), Form499Category.EndUserTelecom) { InvoiceLabel = "911/988 Surcharge" };
        InvoiceLine Line(TaxLine t) => new(LineCategory.Taxes, t.Label, t.Units, "line", t.UnitAmount, t.Amount) { Tax = t };

        var shown = TaxLineDisplay.Combine([Line(Tax("a", 3m, 0.30m)), Line(Tax("b", 2m, 0.08m))]);

        shown.Select(l => (l.Description, l.Quantity, l.UnitPrice, l.Amount.Amount)).ShouldBe([("911/988 Surcharge (California)", 1m, (decimal?)null, 1.06m)]);
    }
}
