using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>Everything a reseller's customer needs on the invoice, read back from the PDF row by row: who is billed and by whom,
/// dates and terms, column headers, taxes as rate of base, totals down to the balance due, how to pay and whom to ask,
/// on every page a header and "Page X of Y".</summary>
public class InvoiceDocumentPdfTests
{
    private static readonly InvoiceBranding Branding = new("Northwind Voice", "12 Harbour Road|Portland, OR 97201", "#C0392B");

    private static readonly InvoiceSeller Seller = new(
        TaxId: "93-1234567", Email: "billing@northwind.example", Phone: "+15035550100", InquiriesPhone: "+18005550199",
        Remittance: "Or by ACH: Bank of Portland|Routing 123000848, account 4455667788", PayLinkTemplate: "https://pay.northwind.example/{accountId}/{invoiceId}",
        Paper: PaperSize.Letter);

    private static readonly BillingContact Contact = new(
        "Dana Reyes", "ap@acme.example", "+12085550100", new BillingAddress(["500 Main St", "Suite 4"], "Boise", "ID", "83702", "US"), "PO-7781", "12-3456789");

    private static Money Usd(decimal amount) => new(amount, "USD");

    private static IEnumerable<InvoiceLine> UsageLines(int count, string? location = null) =>
        Enumerable.Range(1, count).Select(i =>
            new InvoiceLine(LineCategory.Usage, $"Outbound calls from +1208555{i:0000}", 25, "min", 0.02m, Usd(0.50m)) { Location = location });

    /// <summary>80 usage lines: more than one page.</summary>
    private static Invoice LongInvoice()
    {
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 15), 1);
        InvoiceLine[] lines =
        [
            new(LineCategory.PlatformFee, "Voice platform fee", 1, "month", 49m, Usd(49m)),
            .. UsageLines(80),
            new(LineCategory.Usage, "Unanswered call attempts", 1, "call", 0.004m, Usd(0m)),
            new(LineCategory.Adjustments, "Service credit for the October outage", 1, "credit", null, Usd(-5m)),
            new(LineCategory.Taxes, "Sales tax (Idaho)", 3.10m, "USD", 0.07m, Usd(0.22m)),
        ];
        return new Invoice("acme-20261001", "acme", "Acme Dental", period, "USD", lines) { BillTo = Contact }
            .Finalize("INV-000042", new LocalDate(2026, 11, 2), 15);
    }

    private static List<List<string>> RowsByPage(byte[] pdf, out double pageWidth)
    {
        using var document = PdfDocument.Open(pdf);
        pageWidth = document.GetPage(1).Width;
        return [.. document.GetPages().Select(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(row => row.Key)
            .Select(row => string.Join(' ', row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))).ToList())];
    }

    [Fact]
    public void RenderPdf_MultiPageInvoice_ShowsEveryElement()
    {
        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, Seller).RenderPdf(LongInvoice()), out var width);
        var rows = pages.SelectMany(p => p).ToList();

        pages.Count.ShouldBe(3);
        width.ShouldBe(612, 0.5); // US Letter, 8.5 in
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain("Northwind Voice · Invoice INV-000042 · Acme Dental");
            pages[i].ShouldContain($"Page {i + 1} of 3");
        }

        // The reseller.
        rows.ShouldContain("+15035550100 · billing@northwind.example");
        rows.ShouldContain("Tax id: 93-1234567");
        // Bill-to beside the invoice's facts.
        rows.ShouldContain("Bill to Invoice details");
        rows.ShouldContain("Acme Dental Invoice number: INV-000042");
        rows.ShouldContain("Attn: Dana Reyes Invoice date: 2026-11-02");
        rows.ShouldContain("500 Main St Due: 2026-11-17");
        rows.ShouldContain("Suite 4 Payment terms: Net 15");
        rows.ShouldContain("Boise, ID 83702 PO number: PO-7781");
        rows.ShouldContain("US Period: 2026-10-01 to 2026-10-31");
        rows.ShouldContain("ap@acme.example");
        rows.ShouldContain("+12085550100");
        rows.ShouldContain("Tax id: 12-3456789");
        rows.ShouldContain("Account: acme");
        // Lines under column headers, quantities with units, unit prices.
        rows.ShouldContain("Description Quantity × unit price Amount (USD)");
        rows.ShouldContain("Voice platform fee 1 month × 49.00 49.00");
        rows.ShouldContain("Outbound calls from +12085550080 25 min × 0.02 0.50");
        rows.ShouldContain("Unanswered call attempts 1 call: charge below $0.01, waived 0.00");
        rows.ShouldContain("Sales tax (Idaho) 7% of $3.10 0.22");
        rows.ShouldNotContain(row => row.Contains("USDs", StringComparison.Ordinal));
        // Totals: 49 + 80 × 0.50 = 89.00 before taxes and credits; 89.00 + 0.22 - 5.00 = 84.22.
        rows.ShouldContain("Subtotal before taxes USD 89.00");
        rows.ShouldContain("Taxes and regulatory fees USD 0.22");
        rows.ShouldContain("Credits applied USD -5.00");
        rows.ShouldContain("Total due USD 84.22");
        rows.ShouldContain("Amount paid USD 0.00");
        rows.ShouldContain("Balance due USD $84.22");
        // How to pay and whom to ask.
        rows.ShouldContain("Pay online: https://pay.northwind.example/acme/acme-20261001");
        rows.ShouldContain("Or by ACH: Bank of Portland");
        rows.ShouldContain("Routing 123000848, account 4455667788");
        rows.ShouldContain(row => row.StartsWith("For questions about this bill, call toll-free +18005550199 or email billing@northwind.example", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderPdf_ConsolidatedGroupInvoice_ShowsLocationsTotalsAndPages()
    {
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 15), 1);
        InvoiceLine[] lines =
        [
            new(LineCategory.PlatformFee, "Voice platform fee", 1, "month", 49m, Usd(49m)) { Location = "Harbor East" },
            .. UsageLines(40, "Harbor East"),
            new(LineCategory.Taxes, "Sales tax (Idaho)", 20m, "USD", 0.06m, Usd(1.20m)) { Location = "Harbor East" },
            .. UsageLines(30, "Harbor West"),
            new(LineCategory.Taxes, "Sales tax (Idaho)", 15m, "USD", 0.06m, Usd(0.90m)) { Location = "Harbor West" },
        ];
        var invoice = new Invoice("harbor-20261001", "harbor", "Harbor Dental Group", period, "EUR", [.. lines.Select(l => l with { Amount = l.Amount with { Currency = "EUR" }, Unit = l.Unit == "USD" ? "EUR" : l.Unit })])
        {
            BillTo = Contact with { PoNumber = null },
        }.Finalize("INV-000050", new LocalDate(2026, 11, 2), 0);

        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, Seller with { Paper = PaperSize.A4 }).RenderPdf(invoice), out var width);
        var rows = pages.SelectMany(p => p).ToList();

        width.ShouldBe(595, 0.5); // A4, 210 mm
        pages.Count.ShouldBe(3);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain("Northwind Voice · Invoice INV-000050 · Harbor Dental Group");
            pages[i].ShouldContain($"Page {i + 1} of 3");
        }

        rows.ShouldContain("Location: Harbor East");
        rows.ShouldContain("Location: Harbor West");
        rows.ShouldContain("Sales tax (Idaho) 6% of €20.00 1.20");
        rows.ShouldContain("Sales tax (Idaho) 6% of €15.00 0.90");
        // Harbor East: 49 + 40 × 0.50 + 1.20 = 70.20; Harbor West: 30 × 0.50 + 0.90 = 15.90.
        rows.ShouldContain("Subtotal Harbor East EUR 70.20");
        rows.ShouldContain("Subtotal Harbor West EUR 15.90");
        rows.ShouldContain("Subtotal before taxes EUR 84.00");
        rows.ShouldContain("Taxes and regulatory fees EUR 2.10");
        rows.ShouldContain("Balance due EUR €86.10");
        rows.ShouldContain("Suite 4 Payment terms: due on receipt");
        rows.ShouldNotContain(row => row.Contains("PO number", StringComparison.Ordinal));
    }
}
