using System.Globalization;
using System.Text;
using ServerlessBilling.Portal;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The usage page: a period's calls, filtered by number, component, day and agent through a plain GET form, 500 at a time
/// with a link to the older ones.</summary>
public static class UsagePage
{
    public static string Render(PortalView view, PortalUsage usage)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(usage);
        var zone = view.Shown.Billing.Zone;
        var numbers = string.Concat(usage.Numbers.Select(n => Option(n, n, usage.Filter.Number == n)));
        var agents = string.Concat(usage.Agents.Select(a => Option(a, a, usage.Filter.Agent == a)));
        var components = string.Concat(Enum.GetValues<UsageComponent>().Select(c => Option(c.ToString(), UsageChartSvg.LabelOf(c), usage.Filter.Component == c)));
        var rows = new StringBuilder();
        foreach (var call in usage.Calls)
        {
            var started = call.Event.StartedAt.InZone(zone);
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr>
                <td>{Html.Date(started.Date)} {started.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)}</td>
                <td>{(call.Event.Direction == CallDirection.Inbound ? "In" : "Out")}</td>
                <td>{Html.Encode(call.Event.From)}</td>
                <td>{Html.Encode(call.Event.To)}</td>
                <td>{UsageChartSvg.LabelOf(call.Event.Component)}</td>
                <td class="num">{Html.Minutes(call.Charge.BillableSeconds / 60m)}</td>
                <td class="num">{Html.Money(call.Charge.Amount.RoundToMinorUnit(RoundingMode.HalfUp))}</td>
                </tr>
                """);
        }

        var shown = usage.Matching > usage.Calls.Count
            ? $"Calls {usage.Skipped + (usage.Calls.Count == 0 ? 0 : 1)} to {usage.Skipped + usage.Calls.Count} of {usage.Matching}"
            : $"{usage.Matching} {(usage.Matching == 1 ? "call" : "calls")}";
        var content = $"""
            <form method="get" action="{PortalLayout.Root}/usage" class="filters" aria-label="Filter calls">
            <input type="hidden" name="csrf" value="{Html.Encode(view.FormToken)}">
            {view.AccountField}
            <input type="hidden" name="period" value="{Html.IsoDate(usage.Period.Start)}">
            <label for="number">Number</label>
            <select id="number" name="number"><option value="">All numbers</option>{numbers}</select>
            <label for="component">Component</label>
            <select id="component" name="component"><option value="">All components</option>{components}</select>
            <label for="agent">Agent</label>
            <select id="agent" name="agent"><option value="">All agents</option>{agents}</select>
            <label for="day">Day</label>
            <input id="day" name="day" type="date" min="{Html.IsoDate(usage.Period.Start)}" max="{Html.IsoDate(usage.Period.End.PlusDays(-1))}" value="{(usage.Filter.Day is { } d ? Html.IsoDate(d) : "")}">
            <button type="submit">Filter</button>
            </form>
            <p id="usage-count" role="status">{shown}, {Html.Date(usage.Period.Start)} to {Html.Date(usage.Period.End.PlusDays(-1))}</p>
            <div class="table-wrap" tabindex="0"><table id="calls">
            <caption>Calls, newest first</caption>
            <thead><tr><th scope="col">Started</th><th scope="col">Direction</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Component</th><th scope="col" class="num">Minutes</th><th scope="col" class="num">Amount</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            {Paging(view, usage)}
            """;
        return PortalLayout.Page(view, PortalSection.Usage, "Usage", content);
    }

    /// <summary>Links to the newest page and the next older one, keeping the filters; empty when every call is on this page.</summary>
    private static string Paging(PortalView view, PortalUsage usage)
    {
        var filter = usage.Filter;
        string Link(UsageCursor? after) => $"{PortalLayout.Root}/usage" + Html.Query(
            ("account", view.Shown.Id == view.Session.AccountId ? null : view.Shown.Id), ("period", Html.IsoDate(usage.Period.Start)),
            ("number", filter.Number), ("component", filter.Component?.ToString()), ("day", filter.Day is { } d ? Html.IsoDate(d) : null),
            ("agent", filter.Agent), ("after", after?.Encode()));
        var links = (usage.Skipped > 0 ? $"""<a href="{Link(null)}" id="newest-calls">Newest calls</a> """ : "")
            + (usage.Next is { } next ? $"""<a href="{Link(next)}" id="older-calls">Older calls</a>""" : "");
        return links.Length == 0 ? "" : $"""<nav aria-label="Pages of calls" class="paging"><p>{links}</p></nav>""";
    }

    private static string Option(string value, string label, bool selected) =>
        $"""<option value="{Html.Encode(value)}"{(selected ? " selected" : "")}>{Html.Encode(label)}</option>""";
}
