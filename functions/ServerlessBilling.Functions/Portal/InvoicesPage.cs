using System.Text;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The invoices page: every final invoice with its status and files, then the credit notes issued against them.</summary>
public static class InvoicesPage
{
    public static string Render(PortalView view, IReadOnlyList<PortalInvoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(invoices);
        if (invoices.Count == 0)
        {
            return PortalLayout.Page(view, PortalSection.Invoices, "Invoices", "<p>No invoices yet.</p>");
        }

        var rows = new StringBuilder();
        foreach (var invoice in invoices)
        {
            var r = invoice.Receivable;
            var files = $"{PortalLayout.Root}/invoices/{Uri.EscapeDataString(r.InvoiceId)}";
            rows.Append($"""
                <tr data-invoice="{Html.Encode(r.InvoiceId)}">
                <th scope="row">{Html.Encode(r.Number)}</th>
                <td>{(r.PeriodStart is { } start ? Html.Date(start) : "")}</td>
                <td class="num">{Html.Money(r.Total)}</td>
                <td class="num">{Html.Money(r.BalanceDue)}</td>
                <td>{Html.Date(invoice.DueDate)}</td>
                <td><span class="status status-{r.Status.ToString().ToLowerInvariant()}">{StatusOf(r)}</span></td>
                <td class="files"><a href="{files}/pdf{view.AccountQuery}" download>PDF<span class="visually-hidden"> of invoice {Html.Encode(r.Number)}</span></a>
                <a href="{files}/csv{view.AccountQuery}" download>Usage CSV<span class="visually-hidden"> of invoice {Html.Encode(r.Number)}</span></a></td>
                </tr>
                """);
        }

        var notes = new StringBuilder();
        foreach (var (invoice, note) in invoices.SelectMany(i => i.CreditNotes.Select(n => (i, n))))
        {
            notes.Append($"""
                <tr data-credit-note="{Html.Encode(note.Id)}">
                <th scope="row">{Html.Encode(note.Number)}</th>
                <td>{Html.Encode(invoice.Receivable.Number)}</td>
                <td>{Html.Date(note.IssueDate)}</td>
                <td>{Html.Encode(note.Reason)}</td>
                <td class="num">{Html.Money(note.Total)}</td>
                <td class="files"><a href="{PortalLayout.Root}/credit-notes/{Uri.EscapeDataString(note.Id)}/pdf{view.AccountQuery}" download>PDF<span class="visually-hidden"> of credit note {Html.Encode(note.Number)}</span></a></td>
                </tr>
                """);
        }

        var creditNotes = notes.Length == 0
            ? ""
            : $"""
                <h2 id="credit-notes">Credit notes</h2>
                <div class="table-wrap" tabindex="0"><table>
                <thead><tr><th scope="col">Number</th><th scope="col">Invoice</th><th scope="col">Issued</th><th scope="col">Reason</th><th scope="col" class="num">Amount</th><th scope="col">File</th></tr></thead>
                <tbody>{notes}</tbody>
                </table></div>
                """;
        var content = $"""
            <div class="table-wrap" tabindex="0"><table id="invoices">
            <caption>Your invoices, newest first</caption>
            <thead><tr><th scope="col">Number</th><th scope="col">Period</th><th scope="col" class="num">Total</th><th scope="col" class="num">Balance</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Files</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            {creditNotes}
            """;
        return PortalLayout.Page(view, PortalSection.Invoices, "Invoices", content);
    }

    private static string StatusOf(Receivable receivable) => receivable.Status switch
    {
        ReceivableStatus.Paid => "Paid",
        ReceivableStatus.WrittenOff => "Written off",
        _ when receivable.BalanceDue.Amount <= 0m => "Paid",
        _ when receivable.Pending.Amount > 0m => "Payment processing",
        _ => "Open",
    };
}
