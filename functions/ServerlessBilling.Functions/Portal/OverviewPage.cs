using System.Text;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The overview: balance due and its due date, the next invoice as priced so far, and this period's usage as a chart
/// with its totals.</summary>
public static class OverviewPage
{
    public static string Render(PortalView view, PortalOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var due = overview.NextDueDate is { } date
            ? $"""<p>Due by <strong id="due-date">{Html.Date(date)}</strong> ({overview.OpenInvoices} open {(overview.OpenInvoices == 1 ? "invoice" : "invoices")})</p>"""
            : "<p>Nothing is due. Thank you!</p>";
        var totals = new StringBuilder();
        foreach (var component in overview.Usage.Components)
        {
            totals.Append($"""<tr><th scope="row"><span class="swatch swatch-{component.ToString().ToLowerInvariant()}"></span>{UsageChartSvg.LabelOf(component)}</th><td class="num">{Html.Minutes(overview.Usage.TotalMinutes(component))}</td></tr>""");
        }

        var usage = overview.Usage.Components.Count == 0
            ? "<p>No usage yet this period.</p>"
            : $"""
                <figure>
                {UsageChartSvg.Draw(overview.Usage)}
                </figure>
                <div class="table-wrap" tabindex="0"><table class="totals">
                <caption>Billable minutes this period</caption>
                <thead><tr><th scope="col">Component</th><th scope="col" class="num">Minutes</th></tr></thead>
                <tbody>{totals}</tbody>
                </table></div>
                """;
        var estimate = overview.NextInvoiceEstimate is { } next
            ? $"""
                <p class="balance" id="next-invoice">{Html.Money(next)}</p>
                <p>So far this period, priced as your invoice will be; it is final once the period ends on {Html.Date(overview.Usage.Period.End.PlusDays(-1))}.</p>
                """
            : "<p>This location's calls go on your group's invoice.</p>";
        var content = $"""
            <section aria-labelledby="balance-heading" class="card">
            <h2 id="balance-heading">Balance due</h2>
            <p class="balance" id="balance-due">{Html.Money(overview.BalanceDue)}</p>
            {due}
            <p><a href="{PortalLayout.Root}/invoices{view.AccountQuery}">See your invoices</a></p>
            </section>
            <section aria-labelledby="estimate-heading" class="card">
            <h2 id="estimate-heading">Next invoice</h2>
            {estimate}
            </section>
            <section aria-labelledby="usage-heading" class="card">
            <h2 id="usage-heading">This period's usage</h2>
            <p>{Html.Date(overview.Usage.Period.Start)} to {Html.Date(overview.Usage.Period.End.PlusDays(-1))}</p>
            {usage}
            <p><a href="{PortalLayout.Root}/usage{view.AccountQuery}">See every call</a></p>
            </section>
            """;
        return PortalLayout.Page(view, PortalSection.Overview, "Overview", content);
    }
}
