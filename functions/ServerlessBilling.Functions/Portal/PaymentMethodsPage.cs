using System.Text;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The payments page: the method on file with a button to add or replace it, and each open invoice with a button to pay
/// it now. Both buttons are forms that lead to the gateway's own page; nothing the customer types about a card is sent to us.</summary>
public static class PaymentMethodsPage
{
    public static string Render(PortalView view, PortalWallet wallet, string? outcome)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(wallet);
        var method = wallet.Profile?.DefaultMethod is { } onFile
            ? $"""<p id="method-on-file">{Html.Encode(Describe(onFile))}</p>{Moved(view, wallet.Profile)}<p>Your invoices are charged to it when they are issued.</p>"""
            : """<p id="method-on-file">No payment method on file.</p><p>Add one and your invoices are charged to it when they are issued.</p>""";
        var invoices = new StringBuilder();
        foreach (var invoice in wallet.Open)
        {
            invoices.Append($"""
                <tr data-invoice="{Html.Encode(invoice.InvoiceId)}">
                <td>{Html.Encode(invoice.Number)}</td>
                <td>{Html.Date(invoice.DueAt.InZone(view.Shown.Billing.Zone).Date)}</td>
                <td class="num">{Html.Money(invoice.BalanceDue)}</td>
                <td>
                <form method="post" action="{PortalLayout.Root}/payments{view.AccountQuery}">
                <input type="hidden" name="csrf" value="{Html.Encode(view.FormToken)}">
                <input type="hidden" name="invoice" value="{Html.Encode(invoice.InvoiceId)}">
                <button type="submit">Pay {Html.Money(invoice.BalanceDue)}<span class="visually-hidden"> for invoice {Html.Encode(invoice.Number)}</span></button>
                </form>
                </td>
                </tr>
                """);
        }

        var open = wallet.Open.Count == 0
            ? """<p id="nothing-due">Nothing is due. Thank you!</p>"""
            : $"""
                <div class="table-wrap" tabindex="0"><table id="open-invoices">
                <caption>Open invoices</caption>
                <thead><tr><th scope="col">Invoice</th><th scope="col">Due</th><th scope="col" class="num">Balance</th><th scope="col">Pay now</th></tr></thead>
                <tbody>{invoices}</tbody>
                </table></div>
                """;
        var content = $"""
            {Notice(outcome)}
            <section aria-labelledby="method-heading" class="card">
            <h2 id="method-heading">Payment method</h2>
            {method}
            <form method="post" action="{PortalLayout.Root}/payment-methods{view.AccountQuery}">
            <input type="hidden" name="csrf" value="{Html.Encode(view.FormToken)}">
            <button type="submit">{(wallet.Profile?.DefaultMethod is null ? "Add a payment method" : "Replace the payment method")}</button>
            </form>
            <p>You enter your card or bank details on our payment processor's secure page; they never reach us.</p>
            </section>
            <section aria-labelledby="pay-heading" class="card">
            <h2 id="pay-heading">Pay an invoice</h2>
            {open}
            </section>
            """;
        return PortalLayout.Page(view, PortalSection.PaymentMethods, "Payments", content);
    }

    /// <summary>What the customer sees of a method: its brand or bank and last four digits, as the gateway labels it.</summary>
    public static string Describe(PaymentMethodOnFile method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var kind = method.Kind switch
        {
            PaymentMethodKind.Card => "Card",
            PaymentMethodKind.UsBankAccount => "Bank account",
            _ => "Payment method",
        };
        return method.Label is { Length: > 0 } label ? $"{kind}: {label}" : kind;
    }

    /// <summary>A method a migration carried over from another processor says so, so the customer knows why a card they never entered
    /// here is on file, and that there is nothing to enter again.</summary>
    private static string Moved(PortalView view, PaymentProfile profile) => profile.MigratedFrom is { } previous
        ? $"""<p id="method-moved">Moved from {Html.Encode(PaymentGatewayNames.DisplayName(previous.Gateway))} on {Html.Date(previous.MigratedAt.InZone(view.Shown.Billing.Zone).Date)}: nothing for you to enter again.</p>"""
        : "";

    /// <summary>The note after a return from the gateway's page. The gateway's signed webhook confirms the outcome, usually before the
    /// customer is back; the page says so rather than claiming what it has not seen.</summary>
    private static string Notice(string? outcome) => outcome switch
    {
        PortalCheckout.MethodSaved => """<p class="notice" id="checkout-outcome" role="status">Thank you. Your payment method is saved once our processor confirms it, usually within moments.</p>""",
        PortalCheckout.Paid => """<p class="notice" id="checkout-outcome" role="status">Thank you for your payment. It shows on your invoice once our processor confirms it, usually within moments.</p>""",
        PortalCheckout.Cancelled => """<p class="notice" id="checkout-outcome" role="status">Nothing was changed.</p>""",
        _ => "",
    };
}
