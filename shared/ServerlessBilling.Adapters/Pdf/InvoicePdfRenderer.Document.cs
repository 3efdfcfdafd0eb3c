using System.Globalization;
using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Pdf;

public sealed partial class InvoicePdfRenderer
{
    private void WriteHeader(PageWriter page, Invoice invoice)
    {
        WriteBranding(page);
        page.Text($"Invoice {invoice.Number ?? "(draft)"}", bold: true);
        page.Space();
        page.Columns(BillTo(invoice), Facts(invoice));
        if (invoice.ServiceAddress is { } address)
        {
            page.Space();
            page.Text("Service address: " + Describe(address));
        }
    }

    /// <summary>The customer's block: the account, then its billing contact's name, address, email, phone and tax id.</summary>
    private static List<string> BillTo(Invoice invoice)
    {
        var lines = new List<string> { "Bill to", invoice.AccountName };
        if (invoice.BillTo is { } contact)
        {
            lines.AddRange(new[] { contact.Name is { Length: > 0 } name ? "Attn: " + name : null }.OfType<string>());
            if (contact.Address is { } address)
            {
                lines.AddRange(address.Lines);
                lines.Add(string.Join(", ", new[] { address.City, $"{address.Region} {address.PostalCode}".Trim() }.Where(p => p.Length > 0)));
                lines.Add(address.Country);
            }

            lines.AddRange(new[] { contact.Email, contact.Phone, contact.TaxId is { } taxId ? "Tax id: " + taxId : null }.OfType<string>().Where(l => l.Length > 0));
        }

        lines.Add($"Account: {invoice.AccountId}");
        return lines;
    }

    /// <summary>The invoice's facts: dates, payment terms, the customer's PO number, the service period.</summary>
    private static List<string> Facts(Invoice invoice)
    {
        var lines = new List<string> { "Invoice details", $"Invoice number: {invoice.Number ?? "(draft)"}" };
        if (invoice.IssueDate is { } issued && invoice.DueDate is { } due)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Invoice date: {issued:yyyy-MM-dd}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Due: {due:yyyy-MM-dd}"));
            var days = NodaTime.Period.Between(issued, due, NodaTime.PeriodUnits.Days).Days;
            lines.Add(days == 0 ? "Payment terms: due on receipt" : $"Payment terms: Net {days}");
        }

        if (invoice.BillTo?.PoNumber is { Length: > 0 } po)
        {
            lines.Add("PO number: " + po);
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Period: {invoice.Period.Start:yyyy-MM-dd} to {invoice.Period.End.PlusDays(-1):yyyy-MM-dd}"));
        return lines;
    }

    /// <summary>Quantity with its unit and the unit price; a percentage tax as "7% of $3.10"; a charge that rounds to nothing says so.</summary>
    private static string LineDetail(InvoiceLine line)
    {
        // An adjustment is one amount: its (often long) description may use the detail column.
        if (line.Category == LineCategory.Adjustments)
        {
            return "";
        }

        if (line.Category == LineCategory.Taxes && line.UnitPrice is { } rate && line.Unit == line.Amount.Currency)
        {
            return $"{MoneyText.Percent(rate)} of {MoneyText.WithSymbol(new Money(line.Quantity, line.Amount.Currency))}";
        }

        var quantity = string.Create(CultureInfo.InvariantCulture, $"{line.Quantity:#,0.##} {UnitName(line)}");
        if (line.Amount.Amount == 0 && line.UnitPrice is > 0 && line.Quantity > 0)
        {
            return $"{quantity}: charge below {MoneyText.WithSymbol(new Money(1m / CurrencyInfo.MinorUnitFactor(line.Amount.Currency), line.Amount.Currency))}, waived";
        }

        return line.UnitPrice is { } price
            ? string.Create(CultureInfo.InvariantCulture, $"{quantity} × {price:0.00####}")
            : quantity;
    }

    /// <summary>Subtotal before taxes, taxes, credits applied, the total, what was already paid and the balance due with the
    /// currency's symbol (<see cref="InvoiceBalance"/>).</summary>
    private static void WriteTotals(PageWriter page, Invoice invoice)
    {
        var balance = InvoiceBalance.Of(invoice);
        page.Space();
        page.Rule();
        page.Row("Subtotal before taxes", invoice.Currency, FormatMoney(balance.Subtotal));
        page.Row("Taxes and regulatory fees", invoice.Currency, FormatMoney(balance.Taxes));
        page.Row("Credits applied", invoice.Currency, FormatMoney(balance.CreditsApplied));
        page.Row("Total due", invoice.Currency, FormatMoney(balance.TotalDue), bold: true);
        // Money received before issue (an earlier overpayment); payments after issue are receipted by collections.
        page.Row("Amount paid", invoice.Currency, FormatMoney(balance.AmountPaid));
        page.Rule();
        page.Row("Balance due", invoice.Currency, MoneyText.WithSymbol(balance.BalanceDue), bold: true);
    }

    /// <summary>The pay link, the remittance text and the billing inquiries contact.</summary>
    private void WriteHowToPay(PageWriter page, Invoice invoice)
    {
        page.Heading("How to pay");
        if (Seller.PayLink(invoice.AccountId, invoice.Id) is { } link)
        {
            page.Text("Pay online: " + link);
        }

        foreach (var line in Seller.RemittanceLines)
        {
            page.Text(line);
        }

        page.Heading("Billing questions");
        var contacts = new[]
        {
            Seller.InquiriesPhone is { } tollFree ? "call toll-free " + tollFree : null,
            Seller.Email is { } email ? "email " + email : null,
        }.OfType<string>().ToList();
        page.Text(contacts.Count == 0
            ? $"Contact {branding.Name}, quoting invoice {invoice.Number ?? invoice.Id}."
            : $"For questions about this bill, {string.Join(" or ", contacts)}, quoting invoice {invoice.Number ?? invoice.Id}.");
    }

    private static string Describe(PostalAddress a) =>
        string.Join(", ", new[] { a.Line1, a.Line2, a.City, $"{a.Region} {a.PostalCode}".Trim(), a.Country }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string UnitName(InvoiceLine line) =>
        line.Quantity == 1 || line.Unit == "min" ? line.Unit : line.Unit + "s";
}
