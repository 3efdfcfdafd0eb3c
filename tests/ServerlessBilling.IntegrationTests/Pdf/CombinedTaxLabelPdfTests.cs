using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using ServerlessBilling.Tax;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>California R&amp;T Code 41022 lets a bill show the 911 and 988 surcharges as one "911/988 Surcharge" line:
/// the PDF prints the combined row while the invoice keeps one line per rule.</summary>
public class CombinedTaxLabelPdfTests
{
    private static InvoiceLine Surcharge(string key, string label, decimal each)
    {
        var tax = new TaxLine(key, "US-CA", "California", JurisdictionLevel.State, TaxKind.Emergency911, label, null, 0m, null, each, 3m, 3m * each,
            new Money(3m * each, "USD"), Form499Category.EndUserTelecom) { InvoiceLabel = "911/988 Surcharge" };
        return new InvoiceLine(LineCategory.Taxes, $"{label} (California)", 3m, "line", each, tax.Amount) { Tax = tax };
    }

    [Fact]
    public void RenderPdf_TwoRulesWithOneInvoiceLabel_PrintOneRow()
    {
        var period = BillingPeriod.Containing(new LocalDate(2024, 11, 15), 1);
        var invoice = new Invoice("acme-20241101", "acme", "Acme Dental", period, "USD",
        [
            new InvoiceLine(LineCategory.Numbers, "Local numbers (2)", 2, "number", 1.5m, new Money(3m, "USD")),
            Surcharge("ca-911", "California 911 Surcharge", 0.30m),
            Surcharge("ca-988", "California 988 Surcharge", 0.08m),
        ]).Finalize("INV-000043", new LocalDate(2024, 12, 1), 15);

        var pdf = new InvoicePdfRenderer(new InvoiceBranding("Northwind Voice", "12 Harbour Road", "#C0392B"), BrandingLogo.None).RenderPdf(invoice);

        using var document = PdfDocument.Open(pdf);
        var rows = document.GetPages().SelectMany(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(row => row.Key)
            .Select(row => string.Join(' ', row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))).ToList();
        // 3 lines × (0.30 + 0.08) = 1.14.
        rows.ShouldContain("911/988 Surcharge (California) 3 lines × 0.38 1.14");
        rows.ShouldNotContain(row => row.Contains("California 911 Surcharge", StringComparison.Ordinal) || row.Contains("California 988 Surcharge", StringComparison.Ordinal));
        rows.ShouldContain(row => row.StartsWith("Total due", StringComparison.Ordinal) && row.EndsWith("4.14", StringComparison.Ordinal));
        invoice.Lines.Count(l => l.Tax is not null).ShouldBe(2);
    }
}
