using System.Globalization;
using System.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Paging;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The accounts list, a page at a time, and one account's detail: profile, numbers, agents, locations and invoices, with a
/// button that issues a customer portal link (admin sessions).</summary>
public static class AccountPages
{
    public static string List(ConsoleView view, ListPage<Account> page, string? nextCursor)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rows = new StringBuilder();
        foreach (var account in page.Items)
        {
            rows.Append($"""<tr data-account="{Html.Encode(account.Id)}"><th scope="row"><a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(account.Id)}">{Html.Encode(account.Name)}</a></th><td>{Html.Encode(account.Id)}</td><td>{Html.Encode(account.PlanId)}</td><td>{Html.Encode(account.ParentAccountId)}</td></tr>""");
        }

        var next = nextCursor is null ? "" : $"""<p><a id="next-page" href="{ConsoleLayout.Root}/accounts{Html.Query(("cursor", nextCursor))}">Next page</a></p>""";
        var content = page.Items.Count == 0
            ? "<p>No accounts.</p>"
            : $"""
                <div class="table-wrap" tabindex="0"><table id="accounts">
                <caption>Accounts</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Plan</th><th scope="col">Group</th></tr></thead>
                <tbody>{rows}</tbody>
                </table></div>
                {next}
                """;
        return ConsoleLayout.Page(view, ConsoleSection.Accounts, "Accounts", content);
    }

    public static string Detail(ConsoleView view, AccountDetail detail, string? issuedLink = null, string? nextPayments = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(detail);
        var account = detail.Account;
        var numbers = string.Concat(detail.Numbers.Select(n =>
            $"""<tr><th scope="row">{Html.Encode(n.Number)}</th><td>{Html.Encode(n.Type.ToString())}</td><td>{Html.Date(n.From)}</td><td>{(n.Until is { } until ? Html.Date(until) : "")}</td></tr>"""));
        var agents = string.Concat(detail.Agents.Select(a =>
            $"""<tr><th scope="row">{Html.Encode(a.AgentId)}</th><td>{Html.Encode(a.Vendor)}</td><td>{Html.Date(a.From)}</td><td>{(a.Until is { } until ? Html.Date(until) : "")}</td></tr>"""));
        var invoices = string.Concat(detail.Invoices.Select(i =>
            $"""<tr data-invoice="{Html.Encode(i.Receivable.InvoiceId)}"><th scope="row">{Html.Encode(i.Receivable.Number)}</th><td>{(i.Receivable.PeriodStart is { } start ? Html.Date(start) : "")}</td><td class="num">{Html.Money(i.Receivable.Total)}</td><td class="num">{Html.Money(i.Receivable.BalanceDue)}</td><td>{Html.Date(i.DueDate)}</td><td>{Html.Encode(i.Receivable.Status.ToString())}</td><td class="num">{i.CreditNotes.Count}</td></tr>"""));
        var payments = string.Concat(detail.Payments.Items.Select(p =>
            $"""<tr data-payment="{Html.Encode(p.Entry.Id)}"><th scope="row">{Html.Encode(p.Entry.At.ToString("uuuu-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}</th><td>{Html.Encode(p.InvoiceNumber)}</td><td>{Html.Encode(p.Entry.Kind.ToString())}</td><td>{Html.Encode(p.Entry.Status.ToString())}{(p.Entry.Returned ? " (returned)" : "")}</td><td class="num">{Html.Money(p.Entry.Amount)}</td><td class="num">{Html.Money(p.Entry.Effect)}</td><td>{Html.Encode(p.Entry.Reference)}</td></tr>"""));
        var morePayments = nextPayments is null ? "" : $"""<p><a id="next-payments" href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(account.Id)}{Html.Query(("payments", nextPayments))}#payments-heading">Later payments</a></p>""";
        var locations = string.Concat(detail.Locations.Select(l =>
            $"""<li><a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(l.Id)}">{Html.Encode(l.Name)}</a></li>"""));
        var link = issuedLink is null ? "" : $"""<p class="notice" role="status">Portal link, valid for a short time: <a class="wrap" id="portal-link" href="{Html.Encode(issuedLink)}">{Html.Encode(issuedLink)}</a></p>""";
        var issue = view.Session.CanWrite
            ? $"""<form method="post" action="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(account.Id)}/portal-link">{view.FormField}<button type="submit">Issue a portal link</button></form>"""
            : "<p>Issuing a portal link needs an admin session.</p>";
        var content = $"""
            <section aria-labelledby="profile-heading" class="card">
            <h2 id="profile-heading">Profile</h2>
            <div class="table-wrap" tabindex="0"><table id="profile"><caption class="visually-hidden">Profile</caption><tbody>
            <tr><th scope="row">Id</th><td>{Html.Encode(account.Id)}</td></tr>
            <tr><th scope="row">Plan</th><td>{Html.Encode(account.PlanId)}</td></tr>
            <tr><th scope="row">Currency</th><td>{Html.Encode(account.Billing.Currency)}</td></tr>
            <tr><th scope="row">Time zone</th><td>{Html.Encode(account.Billing.TimeZone)}</td></tr>
            <tr><th scope="row">Group</th><td>{(account.ParentAccountId is { } parent ? $"""<a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(parent)}">{Html.Encode(parent)}</a>""" : "")}</td></tr>
            </tbody></table></div>
            {link}
            {issue}
            </section>
            {Table("numbers", "Numbers", "<th scope=\"col\">Number</th><th scope=\"col\">Type</th><th scope=\"col\">From</th><th scope=\"col\">Until</th>", numbers)}
            {Table("agents", "Agents", "<th scope=\"col\">Agent</th><th scope=\"col\">Vendor</th><th scope=\"col\">From</th><th scope=\"col\">Until</th>", agents)}
            {Table("invoices", "Invoices", "<th scope=\"col\">Number</th><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Total</th><th scope=\"col\" class=\"num\">Balance</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Credit notes</th>", invoices)}
            {Table("payments", "Payments", "<th scope=\"col\">When</th><th scope=\"col\">Invoice</th><th scope=\"col\">Kind</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\" class=\"num\">Counts as paid</th><th scope=\"col\">Reference</th>", payments, morePayments)}
            {(detail.Locations.Count == 0 ? "" : $"""<section aria-labelledby="locations-heading" class="card"><h2 id="locations-heading">Locations</h2><ul class="locations">{locations}</ul></section>""")}
            """;
        return ConsoleLayout.Page(view, ConsoleSection.Accounts, account.Name, content);
    }

    private static string Table(string id, string caption, string head, string rows, string after = "") => rows.Length == 0
        ? $"""<section aria-labelledby="{id}-heading" class="card"><h2 id="{id}-heading">{caption}</h2><p>None.</p></section>"""
        : $"""
            <section aria-labelledby="{id}-heading" class="card"><h2 id="{id}-heading">{caption}</h2>
            <div class="table-wrap" tabindex="0"><table id="{id}"><caption class="visually-hidden">{caption}</caption>
            <thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>{after}</section>
            """;
}
