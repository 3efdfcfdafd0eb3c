using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Pdf;

/// <summary>Renders an invoice to an A4 PDF: the reseller's logo, name and address, the invoice's number, account,
/// service address, period and dates, then sections by line category and the total; a consolidated invoice has a
/// part per location (its sections and subtotal) before the total.</summary>
/// <remarks>Every call-level detail belongs in the usage CSV; the PDF carries the summary lines only.</remarks>
public sealed partial class InvoicePdfRenderer(InvoiceBranding branding, BrandingLogo logo) : IInvoiceRenderer
{
    private const double Margin = 50;
    private const double AmountRight = 545;

    public byte[] RenderPdf(Invoice invoice)
    {
        BundledFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number ?? invoice.Id}";
        document.Info.Author = branding.Name;

        var page = new PageWriter(document, ParseColor(branding.AccentColor));
        WriteHeader(page, invoice);
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

        page.Rule();
        page.Row("Total due", invoice.Currency, FormatMoney(invoice.Total), bold: true);
        WriteTaxNotes(page, invoice.TaxNotices);
        page.Dispose();
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
                var quantity = string.Create(CultureInfo.InvariantCulture, $"{line.Quantity:0.##} {UnitName(line)}");
                // An adjustment is one amount: its (often long) description may use the detail column.
                var detail = line.Category == LineCategory.Adjustments ? ""
                    : line.UnitPrice is { } price
                    ? string.Create(CultureInfo.InvariantCulture, $"{quantity} × {price:0.00####}")
                    : quantity;
                page.Row(line.Description, detail, FormatMoney(line.Amount));
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

        page.Space();
    }

    private void WriteHeader(PageWriter page, Invoice invoice)
    {
        WriteBranding(page);
        page.Text($"Invoice {invoice.Number ?? "(draft)"}", bold: true);
        page.Text($"Account: {invoice.AccountName} ({invoice.AccountId})");
        if (invoice.ServiceAddress is { } address)
        {
            page.Text("Service address: " + Describe(address));
        }

        page.Text(string.Create(CultureInfo.InvariantCulture, $"Period: {invoice.Period.Start:yyyy-MM-dd} to {invoice.Period.End.PlusDays(-1):yyyy-MM-dd}"));
        if (invoice.IssueDate is { } issued && invoice.DueDate is { } due)
        {
            page.Text(string.Create(CultureInfo.InvariantCulture, $"Issued: {issued:yyyy-MM-dd}   Due: {due:yyyy-MM-dd}"));
        }

        page.Space();
    }

    private static string Describe(Accounts.PostalAddress a) =>
        string.Join(", ", new[] { a.Line1, a.Line2, a.City, $"{a.Region} {a.PostalCode}".Trim(), a.Country }.Where(p => !string.IsNullOrWhiteSpace(p)));

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

    private static string UnitName(InvoiceLine line) =>
        line.Quantity == 1 || line.Unit == "min" ? line.Unit : line.Unit + "s";

    private static string FormatMoney(Money money) =>
        money.Amount.ToString("N" + CurrencyInfo.MinorUnits(money.Currency), CultureInfo.InvariantCulture);

    private static XColor ParseColor(string hex) =>
        hex is ['#', .. var digits] && digits.Length == 6 && int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            ? XColor.FromArgb((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            : XColors.DarkBlue;

    /// <summary>Writes top to bottom, starting a new page when the current one is full.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument document;
        private readonly XColor accent;
        private readonly XFont regular = new(BundledFontResolver.Family, 10);
        private readonly XFont bold = new(BundledFontResolver.Family, 10, XFontStyleEx.Bold);
        private readonly XFont title = new(BundledFontResolver.Family, 18, XFontStyleEx.Bold);
        private XGraphics graphics = null!;
        private double y;

        public PageWriter(PdfDocument document, XColor accent)
        {
            this.document = document;
            this.accent = accent;
            NewPage();
        }

        /// <summary>The logo at the top right, at most 60 pt high and 160 pt wide, keeping its proportions.</summary>
        public void Logo(byte[] png)
        {
            using var stream = new MemoryStream(png, writable: false);
            using var image = XImage.FromStream(stream);
            var scale = Math.Min(60 / image.PointHeight, 160 / image.PointWidth);
            var (width, height) = (image.PointWidth * scale, image.PointHeight * scale);
            graphics.DrawImage(image, AmountRight - width, Margin - 20, width, height);
        }

        public void Title(string text) => Draw(text, title, new XSolidBrush(accent), Margin, 26);

        /// <summary>A line of text, wrapped at spaces onto further lines where it would run past the amounts' right edge.</summary>
        public void Text(string text, bool bold = false)
        {
            var font = bold ? this.bold : regular;
            foreach (var line in Wrapped(text, font, AmountRight - Margin))
            {
                Draw(line, font, XBrushes.Black, Margin, 15);
            }
        }

        public void Heading(string text)
        {
            Space();
            Draw(text, bold, new XSolidBrush(accent), Margin, 16);
        }

        public void Row(string description, string detail, string amount, bool bold = false)
        {
            EnsureRoom(15);
            var font = bold ? this.bold : regular;
            graphics.DrawString(description, font, XBrushes.Black, Margin, y);
            graphics.DrawString(detail, regular, XBrushes.DimGray, 330, y);
            var width = graphics.MeasureString(amount, font).Width;
            graphics.DrawString(amount, font, XBrushes.Black, AmountRight - width, y);
            y += 15;
        }

        public void Rule()
        {
            EnsureRoom(10);
            graphics.DrawLine(new XPen(accent, 0.8), Margin, y - 8, AmountRight, y - 8);
            y += 4;
        }

        public void Space() => y += 10;

        public void Dispose() => graphics.Dispose();

        private IEnumerable<string> Wrapped(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var longer = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics.MeasureString(longer, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = longer;
                }
            }

            yield return line;
        }

        private void Draw(string text, XFont font, XBrush brush, double x, double advance)
        {
            EnsureRoom(advance);
            graphics.DrawString(text, font, brush, x, y);
            y += advance;
        }

        private void EnsureRoom(double needed)
        {
            if (y + needed > graphics.PageSize.Height - Margin)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin + 10;
        }
    }
}
