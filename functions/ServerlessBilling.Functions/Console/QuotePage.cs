using System.Globalization;
using System.Text;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Console;

/// <summary>The quote form (a plan, a zone, accounts and numbers, and an uploaded sample or the typical profile), and a quote: the
/// monthly invoice per account before tax, its cost and margin, the book for many accounts, the PDF, and the account it can become.</summary>
public static class QuotePage
{
    public static string Form(ConsoleView view, IReadOnlyList<PricePlan> plans, QuoteRequest? request = null, IReadOnlyList<RecordProblem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(plans);
        var options = string.Concat(plans.Select(p =>
            $"""<option value="{Html.Encode(p.Id)}"{(p.Id == request?.PlanId ? " selected" : "")}>{Html.Encode(p.Name)} ({Html.Encode(p.Id)}, {Html.Encode(p.Currency)})</option>"""));
        var errors = problems is { Count: > 0 }
            ? $"""<div class="notice" role="alert" id="quote-problems"><p>The quote could not be made:</p><ul>{string.Concat(problems.Select(p => $"<li>{Html.Encode(p.Field)}: {Html.Encode(p.Reason)}</li>"))}</ul></div>"""
            : "";
        var content = $"""
            {errors}
            <form method="post" action="{ConsoleLayout.Root}/quotes" enctype="multipart/form-data" class="filters">
            {view.FormField}
            <label for="plan">Plan</label>
            <select id="plan" name="plan" required>{options}</select>
            <label for="zone">Time zone</label>
            <input id="zone" name="zone" value="{Html.Encode(request?.TimeZone ?? "America/Chicago")}" required>
            <label for="accounts">Accounts like this</label>
            <input id="accounts" name="accounts" type="number" min="1" max="100000" value="{request?.Accounts ?? 1}" required>
            <label for="numbers">Numbers per account</label>
            <input id="numbers" name="numbers" type="number" min="0" max="1000" value="{request?.Numbers ?? 1}" required>
            <label for="vendor">Vendor whose cost plans price calls without a reported cost (twilio; empty: reported costs only)</label>
            <input id="vendor" name="vendor" value="{Html.Encode(request?.Vendor)}" maxlength="64">
            <label for="sample">Usage sample (Asterisk Master.csv; empty: a typical month)</label>
            <input id="sample" name="sample" type="file" accept=".csv,text/csv">
            <button type="submit">Quote</button>
            </form>
            <p>The typical month: on every weekday, for each component and direction the plan prices, calls of 61, 95, 180 and 320 seconds.
            Quotes are before tax; taxes depend on each account's service address.</p>
            """;
        return ConsoleLayout.Page(view, ConsoleSection.Quotes, "Quotes", content);
    }

    public static string Quote(ConsoleView view, ConsoleQuote quote)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(quote);
        var q = quote.Quote;
        var lines = new StringBuilder();
        foreach (var line in q.Invoice.Lines)
        {
            lines.Append($"""<tr><th scope="row">{Html.Encode(line.Description)}</th><td class="num">{line.Quantity.ToString("0.##", CultureInfo.InvariantCulture)} {Html.Encode(line.Unit)}</td><td class="num">{Html.Money(line.Amount)}</td></tr>""");
        }

        var chart = BarChartSvg.Draw("quote", "Per account: invoice, upstream cost and margin",
            [("Invoice", q.Invoice.Total.Amount), ("Cost", q.UpstreamCost.Amount), ("Margin", q.MarginPerAccount.Amount)]);
        var carried = Carried(view, quote.Request);
        var open = view.Session.CanWrite
            ? $"""
                <form method="post" action="{ConsoleLayout.Root}/quotes/account" class="filters">
                {carried}
                <label for="account-id">Account id</label>
                <input id="account-id" name="accountId" required maxlength="96">
                <label for="account-name">Customer name</label>
                <input id="account-name" name="name" required maxlength="200">
                <label for="account-email">Billing contact email (optional)</label>
                <input id="account-email" name="email" type="email" maxlength="254" autocomplete="off">
                <button type="submit">Open the account</button>
                </form>
                """
            : "<p>Opening an account needs an admin session.</p>";
        var source = quote.Typical ? "a typical month" : $"the uploaded sample ({q.Calls} calls, {quote.UnreadableLines} unreadable lines)";
        var content = $"""
            <p id="quote-summary">{Html.Encode(quote.Plan.Name)} on {Html.Encode(source)}, {Html.Encode(quote.Zone.Id)}, period {Html.Date(q.Invoice.Period.Start)} to {Html.Date(q.Invoice.Period.End.PlusDays(-1))}; {q.Unpriced} calls the plan does not price.</p>
            <section aria-labelledby="invoice-heading" class="card">
            <h2 id="invoice-heading">Monthly invoice per account, before tax</h2>
            <div class="table-wrap" tabindex="0"><table id="quote-lines">
            <caption class="visually-hidden">Invoice lines</caption>
            <thead><tr><th scope="col">Line</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Amount</th></tr></thead>
            <tbody>{lines}</tbody>
            </table></div>
            </section>
            <section aria-labelledby="margin-heading" class="card">
            <h2 id="margin-heading">Margin</h2>
            <figure>{chart}</figure>
            <div class="table-wrap" tabindex="0"><table id="quote-totals"><caption class="visually-hidden">Totals</caption><tbody>
            <tr><th scope="row">Invoice per account</th><td class="num" id="quote-total">{Html.Money(q.Invoice.Total)}</td></tr>
            <tr><th scope="row" class="wrap">Upstream cost per account (<span id="quote-cost-basis">{Html.Encode(CostBasis(quote))}</span>)</th><td class="num" id="quote-cost">{Html.Money(q.UpstreamCost)}</td></tr>
            <tr><th scope="row">Margin per account</th><td class="num" id="quote-margin">{Html.Money(q.MarginPerAccount)}</td></tr>
            <tr><th scope="row">Revenue for {q.Accounts} {(q.Accounts == 1 ? "account" : "accounts")}</th><td class="num" id="quote-revenue">{Html.Money(q.Revenue)}</td></tr>
            <tr><th scope="row">Margin for {q.Accounts} {(q.Accounts == 1 ? "account" : "accounts")}</th><td class="num" id="quote-book-margin">{Html.Money(q.Margin)}</td></tr>
            </tbody></table></div>
            </section>
            <section aria-labelledby="next-heading" class="card">
            <h2 id="next-heading">Proposal and account</h2>
            <form method="post" action="{ConsoleLayout.Root}/quotes/pdf">{carried}<button type="submit">Download the proposal (PDF)</button></form>
            {open}
            <p><a href="{ConsoleLayout.Root}/quotes">Another quote</a></p>
            </section>
            """;
        return ConsoleLayout.Page(view, ConsoleSection.Quotes, "Quote", content);
    }

    /// <summary>The quote's inputs as hidden fields, so the PDF and the account are made from exactly what was quoted.</summary>
    private static string Carried(ConsoleView view, QuoteRequest request) => $"""
        {view.FormField}
        <input type="hidden" name="plan" value="{Html.Encode(request.PlanId)}">
        <input type="hidden" name="zone" value="{Html.Encode(request.TimeZone)}">
        <input type="hidden" name="accounts" value="{request.Accounts}">
        <input type="hidden" name="numbers" value="{request.Numbers}">
        <input type="hidden" name="sampleText" value="{Html.Encode(request.SampleCsv)}">
        <input type="hidden" name="vendor" value="{Html.Encode(request.Vendor)}">
        """;

    /// <summary>Which costs the quote's cost is made of, so a margin over calls without a cost is not mistaken for the real one.</summary>
    private static string CostBasis(ConsoleQuote quote)
    {
        var q = quote.Quote;
        var expected = q.ExpectedCost is { } cost ? cost : Money.Zero(q.Invoice.Currency);
        var plans = string.IsNullOrEmpty(quote.Request.Vendor) ? "no vendor's cost plans" : $"{quote.Request.Vendor}'s cost plans";
        return string.Create(CultureInfo.InvariantCulture,
            $"{q.Calls - q.CallsWithExpectedCost - q.CallsWithoutCost} calls as the vendors reported, {q.CallsWithExpectedCost} calls expected from {plans} ({expected.Amount:0.00}), {q.CallsWithoutCost} calls without a cost");
    }
}
