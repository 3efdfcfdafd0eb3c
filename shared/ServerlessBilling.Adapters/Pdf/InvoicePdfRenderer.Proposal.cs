using System.Globalization;
using PdfSharp.Pdf;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Pdf;

/// <summary>A quote as a proposal, in the invoices' layout and branding: the plan, what the estimate assumes, and the monthly estimate
/// per account and for all of them. It is the customer's copy: the upstream cost and the margin of the quote are not on it.</summary>
public sealed partial class InvoicePdfRenderer : IProposalRenderer
{
    public byte[] RenderProposal(ConsoleQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        BundledFontResolver.EnsureInstalled();
        var invoice = quote.Quote.Invoice;
        using var document = new PdfDocument();
        document.Info.Title = $"Proposal: {quote.Plan.Name}";
        document.Info.Author = branding.Name;

        var page = new PageWriter(document, ParseColor(branding.AccentColor), Seller.Paper);
        WriteBranding(page);
        page.Space();
        page.Title("Proposal");
        page.Text($"Plan: {quote.Plan.Name} ({quote.Plan.Id}), billed monthly in {quote.Plan.Currency}", bold: true);
        page.Heading("What the estimate assumes");
        page.Text(string.Create(CultureInfo.InvariantCulture, $"{quote.Quote.Accounts} account(s), each with {quote.Request.Numbers} number(s)."));
        page.Text(quote.Typical
            ? string.Create(CultureInfo.InvariantCulture, $"Usage: a typical month of a small office, {quote.Quote.Calls} calls on weekdays in business hours.")
            : string.Create(CultureInfo.InvariantCulture, $"Usage: your sample of {quote.Quote.Calls} calls, taken as one account's month."));
        page.Text(string.Create(CultureInfo.InvariantCulture, $"Month: {invoice.Period.Start:yyyy-MM-dd} to {invoice.Period.End.PlusDays(-1):yyyy-MM-dd}, times of day in {quote.Zone.Id}."));
        page.Text("Taxes and regulatory fees are not included; they are added on each invoice where they apply.");
        page.Space();
        page.Heading("Monthly estimate per account");
        page.Row("Description", "Quantity × unit price", $"Amount ({invoice.Currency})", bold: true, grey: true);
        foreach (var line in invoice.Lines)
        {
            page.Row(line.Description, LineDetail(line), FormatMoney(line.Amount));
        }

        page.Rule();
        page.Row("Monthly estimate per account", invoice.Currency, FormatMoney(invoice.Total), bold: true);
        page.Row(string.Create(CultureInfo.InvariantCulture, $"Monthly estimate for {quote.Quote.Accounts} account(s)"), invoice.Currency, FormatMoney(quote.Quote.Revenue), bold: true);
        page.Space();
        page.Text("An estimate from the usage above: each invoice bills the usage of its month.");
        page.Finish($"{branding.Name} · Proposal · {quote.Plan.Name}");
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
