using System.Globalization;
using PdfSharp.Pdf;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Pdf;

/// <summary>Credit notes in the same layout and branding as the invoices they correct.</summary>
public sealed partial class InvoicePdfRenderer : ICreditNoteRenderer
{
    public byte[] RenderPdf(CreditNote creditNote)
    {
        BundledFontResolver.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Credit note {creditNote.Number}";
        document.Info.Author = branding.Name;

        var page = new PageWriter(document, ParseColor(branding.AccentColor), Seller.Paper);
        WriteBranding(page);
        page.Text($"Credit note {creditNote.Number}", bold: true);
        page.Text($"Account: {creditNote.AccountName} ({creditNote.AccountId})");
        page.Text($"Credits invoice {creditNote.InvoiceNumber}");
        page.Text(string.Create(CultureInfo.InvariantCulture, $"Issued: {creditNote.IssueDate:yyyy-MM-dd}"));
        page.Text("Reason: " + creditNote.Reason);
        page.Heading("Credited");
        foreach (var line in creditNote.Lines)
        {
            page.Row(line.Description, line.InvoiceLine is { } index ? $"invoice line {index}" : "", FormatMoney(line.Amount));
        }

        page.Rule();
        page.Row("Total credited", creditNote.Currency, FormatMoney(creditNote.Total), bold: true);
        page.Text("The credit is applied to your next invoice.");
        page.Finish($"{branding.Name} · Credit note {creditNote.Number}");
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
