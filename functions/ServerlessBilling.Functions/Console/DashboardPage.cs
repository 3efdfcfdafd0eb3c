using System.Text;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The dashboard: closes held, in progress and failed; receivables aging; revenue and margin per month, per vendor and
/// component, and the worst calls; usage and ingest over the last days; what is held in quarantine (each source linking to its held records; replay buttons for admins)
/// and the tax rules about to run out. Each chart sits beside the table of its figures.</summary>
public static class DashboardPage
{
    /// <param name="vendor">The vendor the margin per vendor and component is narrowed to; null for every vendor.</param>
    public static string Render(ConsoleView view, DashboardFigures figures, CloseBoardFigures closes, string? vendor = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var content = $"""
            {ClosePanels.Render(view, closes)}
            {Aging(figures)}
            {MarginPanels.Render(figures.Margins, figures.Vendors, vendor)}
            {Ingest(figures)}
            {Quarantine(view, figures)}
            {TaxFreshness(figures)}
            """;
        return ConsoleLayout.Page(view, ConsoleSection.Dashboard, "Dashboard", content);
    }

    private static string Aging(DashboardFigures figures)
    {
        var aging = figures.Aging;
        var charts = new StringBuilder();
        foreach (var total in aging.Totals)
        {
            var points = aging.Buckets.Select((bucket, i) => (bucket, total.Amounts[i].Amount)).ToList();
            charts.Append($"<figure>{BarChartSvg.Draw($"aging-{total.Currency.ToLowerInvariant()}", $"Open balances by days overdue, {total.Currency}", points)}</figure>");
        }

        var head = string.Concat(aging.Buckets.Select(b => $"""<th scope="col" class="num">{Html.Encode(b)}</th>"""));
        var rows = new StringBuilder();
        foreach (var row in aging.Rows.Concat(aging.Totals))
        {
            var cells = string.Concat(row.Amounts.Select(a => $"""<td class="num">{Html.Money(a)}</td>"""));
            var name = row.AccountId == "total" && aging.Totals.Contains(row)
                ? "Total"
                : $"""<a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(row.AccountId)}">{Html.Encode(row.AccountId)}</a>""";
            rows.Append($"""<tr data-account="{Html.Encode(row.AccountId)}" data-currency="{Html.Encode(row.Total.Currency)}"><th scope="row">{name}</th>{cells}<td class="num">{Html.Money(row.Total)}</td></tr>""");
        }

        var table = aging.Rows.Count == 0
            ? "<p>Nothing is owed.</p>"
            : $"""
                <div class="table-wrap" tabindex="0"><table id="aging">
                <caption>Open balances per account</caption>
                <thead><tr><th scope="col">Account</th>{head}<th scope="col" class="num">Total</th></tr></thead>
                <tbody>{rows}</tbody>
                </table></div>
                """;
        return $"""
            <section aria-labelledby="aging-heading" class="card">
            <h2 id="aging-heading">Receivables aging</h2>
            {charts}
            {table}
            </section>
            """;
    }

    private static string Ingest(DashboardFigures figures)
    {
        var ingest = figures.Ingest;
        var days = Enumerable.Range(0, ConsoleDashboard.IngestDays).Select(i => ingest.From.PlusDays(i)).ToList();
        var rated = days.Select(d => ($"{d.Day}", (decimal)ingest.Days.Where(c => c.Day == d).Sum(c => c.Counts.Rated))).ToList();
        var received = days.Select(d => ($"{d.Day}", (decimal)ingest.Days.Where(c => c.Day == d).Sum(c => c.Counts.Received))).ToList();
        var rows = new StringBuilder();
        foreach (var total in ingest.Totals)
        {
            var c = total.Counts;
            rows.Append($"""<tr data-source="{Html.Encode(total.Source)}"><th scope="row">{Html.Encode(total.Source)}</th><td class="num">{c.Received}</td><td class="num">{c.Accepted}</td><td class="num">{c.Rated}</td><td class="num">{c.Duplicates}</td><td class="num">{c.Quarantined}</td><td class="num">{c.Rejected}</td></tr>""");
        }

        var table = ingest.Totals.Count == 0
            ? "<p>Nothing was received in these days.</p>"
            : $"""
                <div class="table-wrap" tabindex="0"><table id="ingest">
                <caption>Ingest per source, {Html.Date(ingest.From)} to {Html.Date(ingest.To)}</caption>
                <thead><tr><th scope="col">Source</th><th scope="col" class="num">Received</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">Rated</th><th scope="col" class="num">Duplicates</th><th scope="col" class="num">Quarantined</th><th scope="col" class="num">Rejected</th></tr></thead>
                <tbody>{rows}</tbody>
                </table></div>
                """;
        return $"""
            <section aria-labelledby="usage-heading" class="card">
            <h2 id="usage-heading">Usage and ingest, last {ConsoleDashboard.IngestDays} days</h2>
            <figure>{BarChartSvg.Draw("rated", $"Events billed per UTC day, {Html.Date(ingest.From)} to {Html.Date(ingest.To)}", rated, labelEvery: 5)}</figure>
            <figure>{BarChartSvg.Draw("received", "Deliveries and lines received per UTC day", received, "#2e7d32", labelEvery: 5)}</figure>
            {table}
            </section>
            """;
    }

    private static string Quarantine(ConsoleView view, DashboardFigures figures)
    {
        if (figures.Quarantine.Count == 0)
        {
            return """<section aria-labelledby="quarantine-heading" class="card"><h2 id="quarantine-heading">Quarantine</h2><p>Nothing is held.</p></section>""";
        }

        var points = figures.Quarantine.Select(g => ($"{g.Source}: {g.Field}", (decimal)g.Count)).ToList();
        var rows = new StringBuilder();
        foreach (var group in figures.Quarantine)
        {
            rows.Append($"""<tr data-source="{Html.Encode(group.Source)}" data-field="{Html.Encode(group.Field)}"><th scope="row"><a href="{ConsoleLayout.Root}/quarantine/{Uri.EscapeDataString(group.Source)}">{Html.Encode(group.Source)}</a></th><td>{QuarantinePage.Kind(group.Kind)}</td><td>{Html.Encode(group.Field)}</td><td>{Html.Encode(group.ExampleReason)}</td><td class="num">{group.Count}</td></tr>""");
        }

        var replays = new StringBuilder();
        foreach (var source in figures.Quarantine.Select(g => g.Source).Distinct(StringComparer.Ordinal))
        {
            replays.Append(view.Session.CanWrite
                ? $"""<li><form method="post" action="{ConsoleLayout.Root}/quarantine/{Uri.EscapeDataString(source)}/replay">{view.FormField}<button type="submit">Replay {Html.Encode(source)}</button></form></li>"""
                : $"""<li>{Html.Encode(source)}: replaying needs an admin session</li>""");
        }

        return $"""
            <section aria-labelledby="quarantine-heading" class="card">
            <h2 id="quarantine-heading">Quarantine</h2>
            <figure>{BarChartSvg.Draw("quarantine", "Records held per source and field", points, "#b0500f")}</figure>
            <div class="table-wrap" tabindex="0"><table id="quarantine">
            <caption>Held records by reason</caption>
            <thead><tr><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Field</th><th scope="col">For example</th><th scope="col" class="num">Records</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            <p>Replaying rates a source's held records again, after a number was assigned or a plan fixed; what still fails stays held. A source's
            name opens its held records, each with its own Replay button.</p>
            <ul class="locations">{replays}</ul>
            </section>
            """;
    }

    private static string TaxFreshness(DashboardFigures figures)
    {
        var list = figures.ExpiringTaxRules.Count == 0
            ? $"""<p id="tax-fresh">No tax rule runs out within {figures.TaxHorizonDays} days.</p>"""
            : $"""
                <div class="table-wrap" tabindex="0"><table id="tax-expiring">
                <caption>Tax rules running out within {figures.TaxHorizonDays} days</caption>
                <thead><tr><th scope="col">Rule</th><th scope="col">Table</th><th scope="col">Rates until</th></tr></thead>
                <tbody>{string.Concat(figures.ExpiringTaxRules.Select(r => $"""<tr><th scope="row">{Html.Encode(r.RuleKey)}</th><td>{Html.Encode(r.Table)}</td><td>{Html.Date(r.CoveredUntil)}</td></tr>"""))}</tbody>
                </table></div>
                """;
        return $"""
            <section aria-labelledby="tax-heading" class="card">
            <h2 id="tax-heading">Tax table freshness</h2>
            {list}
            </section>
            """;
    }
}
