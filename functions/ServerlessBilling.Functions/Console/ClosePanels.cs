using System.Text;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>The dashboard's closes: held for tax data (what is missing, and the tax table whose upload releases it), in progress,
/// and failed lately (with the engine's reason).</summary>
public static class ClosePanels
{
    public static string Render(CloseBoardFigures closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var more = closes.Capped ? $"<p>Each list shows the first {CloseBoard.MaxRows}.</p>" : "";
        return $"""
            <section aria-labelledby="closes-heading" class="card">
            <h2 id="closes-heading">Closes</h2>
            <ul class="locations" id="close-counts"><li>Held: <span id="closes-held">{closes.Held.Count}</span></li><li>In progress: <span id="closes-running">{closes.InProgress.Count}</span></li><li>Failed in {CloseBoard.FailedDays} days: <span id="closes-failed">{closes.Failed.Count}</span></li></ul>
            {Held(closes.Held)}
            {Table("closes-running-list", "Closes in progress", closes.InProgress, r => Html.Encode(r.Stage))}
            {Table("closes-failed-list", $"Closes that failed in the last {CloseBoard.FailedDays} days", closes.Failed, r => Html.Encode(r.Failure ?? "no reason recorded"))}
            {more}
            </section>
            """;
    }

    private static string Held(IReadOnlyList<CloseRow> held)
    {
        if (held.Count == 0)
        {
            return "<p>No close is held.</p>";
        }

        var rows = new StringBuilder();
        foreach (var close in held)
        {
            var missing = close.Hold!.Missing;
            var reasons = string.Concat(missing.Select(n => $"<li>{Html.Encode(n.ToString())}</li>"));
            var releases = string.Concat(missing.Where(n => n.Table is not null).Select(n => n.Table!).Distinct(StringComparer.Ordinal).Select(table =>
                $"""<li><a href="{ConsoleLayout.Root}/tax-tables/{Uri.EscapeDataString(table)}">Upload tax table {Html.Encode(table)}</a> with a rate for {Html.Encode(string.Join(", ", missing.Where(n => n.Table == table).Select(n => n.Date).Distinct(StringComparer.Ordinal)))}</li>"""));
            rows.Append($"""<li data-close="{Html.Encode(close.AccountId)}:{Html.Encode(close.PeriodStart)}"><p>{AccountLink(close.AccountId)}, the period from {Html.Encode(close.PeriodStart)}</p><p>Why it is held:</p><ul class="reasons">{reasons}</ul><p>What releases it:</p><ul class="releases">{(releases.Length == 0 ? "<li>The tax service answering again (it is asked again by itself)</li>" : releases)}</ul></li>""");
        }

        return $"""
            <h3 id="closes-held-heading">Held before numbering for missing tax data</h3>
            <ul id="closes-held-list" aria-labelledby="closes-held-heading">{rows}</ul>
            """;
    }

    private static string Table(string id, string caption, IReadOnlyList<CloseRow> closes, Func<CloseRow, string> state)
    {
        if (closes.Count == 0)
        {
            return $"""<p id="{id}-none">{caption}: none.</p>""";
        }

        var rows = string.Concat(closes.Select(r =>
            $"""<tr data-close="{Html.Encode(r.AccountId)}:{Html.Encode(r.PeriodStart)}"><th scope="row">{AccountLink(r.AccountId)}</th><td>{Html.Encode(r.PeriodStart)}</td><td>{Html.Encode(r.Since.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))}</td><td>{state(r)}</td></tr>"""));
        return $"""
            <div class="table-wrap" tabindex="0"><table id="{id}">
            <caption>{Html.Encode(caption)}</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Period</th><th scope="col">Started</th><th scope="col">State</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            """;
    }

    private static string AccountLink(string accountId) =>
        $"""<a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(accountId)}">{Html.Encode(accountId)}</a>""";
}
