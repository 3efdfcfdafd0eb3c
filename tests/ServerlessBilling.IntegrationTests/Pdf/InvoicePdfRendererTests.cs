using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>The PDF read back as a customer's PDF reader would: text, colour and images.</summary>
public class InvoicePdfRendererTests
{
    // A 1×1 PNG, as the Branding:LogoBase64 setting would hold it.
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static readonly InvoiceBranding Branding = new("Northwind Voice", "12 Harbour Road|Portland, OR 97201", "#C0392B");

    private static Invoice FinalInvoice()
    {
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 15), 1);
        var lines = new[]
        {
            new InvoiceLine(LineCategory.PlatformFee, "Voice platform fee", 1, "month", 49m, new Money(49m, "USD")),
            new InvoiceLine(LineCategory.PriorPeriodUsage, "Prior period usage, 2026-09-01 to 2026-09-30 (2 calls)", 3, "min", null, new Money(0.30m, "USD")),
        };
        var address = new PostalAddress("500 Main St", "Boise", "ID", "83702", "US", Line2: "Suite 4");
        return new Invoice("acme-20261001", "acme", "Acme Dental", period, "USD", lines) { ServiceAddress = address }
            .Finalize("INV-000042", new LocalDate(2026, 11, 2), 15);
    }

    [Fact]
    public void RenderPdf_BrandingAndServiceAddress_ReadBackAsText()
    {
        var pdf = new InvoicePdfRenderer(Branding, BrandingLogo.None).RenderPdf(FinalInvoice());

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        text.ShouldContain("Northwind Voice");
        text.ShouldContain("12 Harbour Road");
        text.ShouldContain("Portland, OR 97201");
        text.ShouldContain("Invoice INV-000042");
        text.ShouldContain("Service address: 500 Main St, Suite 4, Boise, ID 83702, US");
        text.ShouldContain("Due: 2026-11-17");
        text.ShouldContain("Prior period usage");
        text.ShouldContain("49.30");
    }

    [Fact]
    public void RenderPdf_AccentColour_ColoursTheTitle()
    {
        var pdf = new InvoicePdfRenderer(Branding, BrandingLogo.None).RenderPdf(FinalInvoice());

        using var document = PdfDocument.Open(pdf);
        var title = document.GetPage(1).Letters.First(l => l.Value == "N");
        var (r, g, b) = title.Color.ToRGBValues();
        ((int)Math.Round(r * 255), (int)Math.Round(g * 255), (int)Math.Round(b * 255)).ShouldBe((0xC0, 0x39, 0x2B));
    }

    [Fact]
    public void RenderPdf_LogoFromBase64Setting_IsAnImageOnTheFirstPage()
    {
        var logo = BrandingLogo.FromSettings(OnePixelPng, null, null!);

        var pdf = new InvoicePdfRenderer(Branding, logo).RenderPdf(FinalInvoice());

        using var document = PdfDocument.Open(pdf);
        document.GetPage(1).GetImages().Count().ShouldBe(1);
    }

    [Fact]
    public void RenderPdf_NoLogo_HasNoImage()
    {
        var pdf = new InvoicePdfRenderer(Branding, BrandingLogo.None).RenderPdf(FinalInvoice());

        using var document = PdfDocument.Open(pdf);
        document.GetPage(1).GetImages().ShouldBeEmpty();
    }
}
