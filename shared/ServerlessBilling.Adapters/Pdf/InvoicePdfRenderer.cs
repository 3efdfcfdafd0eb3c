using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Pdf;

/// <summary>Renders an invoice on A4 or US Letter: the reseller's logo, name, address, tax id and contacts; who it is billed to
/// (the account's billing contact, PO number), its number, dates and payment terms; sections by line category under column
/// headers; the subtotal before taxes, taxes, credits, amount paid and balance due; how to pay and whom to ask. A consolidated
/// invoice has a part per location (its sections and subtotal). Every page repeats the header and says "Page X of Y".</summary>
/// <remarks>After the bill, the calls: a summary per customer number (per location on a consolidated invoice) and, when the
/// account asks for them (<see cref="Accounts.BillingProfile.ItemizedCalls"/>), every call on pages of their own. Every call is
/// also in the usage CSV and XLSX.</remarks>
public sealed partial class InvoicePdfRenderer(InvoiceBranding branding, BrandingLogo logo, InvoiceSeller? seller = null) : IInvoiceRenderer
{
    private const double Margin = 50;

    private InvoiceSeller Seller => seller ?? InvoiceSeller.None;

    /// <summary>The invoice without its calls (a summary per number needs <see cref="RenderPdf(Invoice, UsageDetail)"/>).</summary>
    public byte[] RenderPdf(Invoice invoice) => RenderPdf(invoice, UsageDetail.None);

    public byte[] RenderPdf(Invoice invoice, UsageDetail usage)
    {
        BundledFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number ?? invoice.Id}";
        document.Info.Author = branding.Name;

        var page = new PageWriter(document, ParseColor(branding.AccentColor), Seller.Paper);
        WriteHeader(page, invoice);
        page.Space();
        page.Row("Description", "Quantity × unit price", $"Amount ({invoice.Currency})", bold: true, grey: true);
        var subtotals = invoice.Subtotals;
        if (subtotals is [{ Location: null }])
        {
            WriteSections(page, invoice.Lines);
        }
        else
        {
            foreach (var location in subtotals)
            {
                page.Space();
                page.Title("Location: " + location.Location);
                WriteSections(page, invoice.Lines.Where(l => l.Location == location.Location));
                page.Rule();
                page.Row("Subtotal " + location.Location, invoice.Currency, FormatMoney(location.Amount), bold: true);
            }
        }

        WriteTotals(page, invoice);
        WriteTaxNotes(page, invoice.TaxNotices);
        WriteHowToPay(page, invoice);
        WriteUsage(page, invoice, usage);
        page.Finish($"{branding.Name} · Invoice {invoice.Number ?? "(draft)"} · {invoice.AccountName}");
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void WriteSections(PageWriter page, IEnumerable<InvoiceLine> lines)
    {
        foreach (var section in lines.GroupBy(l => l.Category).OrderBy(g => g.Key))
        {
            page.Heading(SectionTitle(section.Key));
            // Fees a table gives one invoice label (California's "911/988 Surcharge") print as one row; the invoice keeps them apart.
            foreach (var line in section.Key == LineCategory.Taxes ? TaxLineDisplay.Combine(section) : [.. section])
            {
                page.Row(line.Description, LineDetail(line), FormatMoney(line.Amount));
            }
        }
    }

    /// <summary>Every tax notice, so a reader sees why a tax is absent or smaller (a rate not yet published is billed on no line).</summary>
    private static void WriteTaxNotes(PageWriter page, IReadOnlyList<Tax.TaxNotice> notices)
    {
        if (notices.Count == 0)
        {
            return;
        }

        page.Space();
        page.Heading("Tax notes");
        foreach (var notice in notices)
        {
            page.Text(notice.Reason == Tax.TaxNoticeReason.NoRateForDate
                ? $"{notice.RuleKey}{(notice.Location is null ? "" : $" ({notice.Location})")}: not billed, {notice.Detail}"
                : $"{notice.RuleKey}{(notice.Location is null ? "" : $" ({notice.Location})")}: {notice.Detail}");
        }
    }

    private void WriteBranding(PageWriter page)
    {
        if (logo.Png is { } png)
        {
            page.Logo(png);
        }

        page.Title(branding.Name);
        foreach (var line in branding.AddressLines)
        {
            page.Text(line);
        }

        var contact = new[] { Seller.Phone, Seller.Email }.OfType<string>().ToList();
        if (contact.Count > 0)
        {
            page.Text(string.Join(" · ", contact));
        }

        if (Seller.TaxId is { } taxId)
        {
            page.Text("Tax id: " + taxId);
        }

        page.Space();
    }

    private static string SectionTitle(LineCategory category) => category switch
    {
        LineCategory.PlatformFee => "Recurring platform fees",
        LineCategory.AddOns => "Add-ons",
        LineCategory.OneTimeFees => "One-time fees",
        LineCategory.Numbers => "Numbers and connectivity",
        LineCategory.IncludedUsage => "Included usage",
        LineCategory.Usage => "Usage and overage",
        LineCategory.PriorPeriodUsage => "Prior period usage",
        LineCategory.Commitment => "Minimum spend",
        LineCategory.Adjustments => "Adjustments and credits",
        LineCategory.Taxes => "Taxes and regulatory fees",
        _ => category.ToString(),
    };

    private static string FormatMoney(Money money) => MoneyText.Plain(money);

    private static XColor ParseColor(string hex) =>
        hex is ['#', .. var digits] && digits.Length == 6 && int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            ? XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            : XColors.DarkBlue;
}
