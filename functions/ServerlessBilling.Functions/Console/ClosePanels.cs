using System.Text;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>The dashboard's closes: held for tax data (what is missing, and the tax table whose upload releases it), in progress,
/// and failed lately (with the step it reached and the error that ended it, and for admins a button that runs it again).</summary>
public static class ClosePanels
{
    public static string Render(ConsoleView view, CloseBoardFigures closes)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(closes);
        var more = closes.Capped ? $"<p>Each list shows the first {CloseBoard.MaxRows}.</p>" : "";
        return $"""
            <section aria-labelledby="closes-heading" class="card">
            <h2 id="closes-heading">Closes</h2>
            <ul class="locations" id="close-counts"><li>Held: <span id="closes-held">{closes.Held.Count}</span></li><li>In progress: <span id="closes-running">{closes.InProgress.Count}</span></li><li>Failed in {CloseBoard.FailedDays} days: <span id="closes-failed">{closes.Failed.Count}</span></li></ul>
            {Held(closes.Held)}
            {Table("closes-running-list", "Closes in progress", closes.InProgress, r => Html.Encode(r.Stage))}
            {Failed(view, closes.Failed)}
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

    private static string Failed(ConsoleView view, IReadOnlyList<CloseRow> failed)
    {
        var caption = $"Closes that failed in the last {CloseBoard.FailedDays} days";
        if (failed.Count == 0)
        {
            return $"""<p id="closes-failed-list-none">{caption}: none.</p>""";
        }

        var rows = string.Concat(failed.Select(r =>
            $"""<tr data-close="{Html.Encode(r.AccountId)}:{Html.Encode(r.PeriodStart)}"><th scope="row">{AccountLink(r.AccountId)}</th><td>{Html.Encode(r.PeriodStart)}</td><td class="since">{Since(r)}</td><td class="stage">{Html.Encode(r.Failure?.Stage ?? "")}</td><td class="reason">{Html.Encode(r.Failure?.Reason ?? "no reason recorded")}{(r.Failure is { ErrorType.Length: > 0 } f ? $" <span class=\"error-type\">({Html.Encode(f.ErrorType)})</span>" : "")}</td><td>{Retry(view, r)}</td></tr>"""));
        return $"""
            <div class="table-wrap" tabindex="0"><table id="closes-failed-list">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Period</th><th scope="col">Started</th><th scope="col">Failed at</th><th scope="col">Why</th><th scope="col">Retry</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            """;
    }

    /// <summary>The retry form of a failed close: the close runs again from its start (its steps are idempotent: a number taken stays
    /// taken, a document written is not written twice). Read-only sessions see why they cannot.</summary>
    private static string Retry(ConsoleView view, CloseRow close) => view.Session.CanWrite
        ? $"""<form method="post" action="{RetryPath(close.AccountId, close.PeriodStart)}">{view.FormField}<button type="submit" aria-label="Retry the close of {Html.Encode(close.AccountId)} for {Html.Encode(close.PeriodStart)}">Retry</button></form>"""
        : "needs an admin session";

    /// <summary>The console route that runs a failed close again.</summary>
    public static string RetryPath(string accountId, string periodStart) =>
        $"{ConsoleLayout.Root}/closes/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(periodStart)}/retry";

    private static string Table(string id, string caption, IReadOnlyList<CloseRow> closes, Func<CloseRow, string> state)
    {
        if (closes.Count == 0)
        {
            return $"""<p id="{id}-none">{caption}: none.</p>""";
        }

        var rows = string.Concat(closes.Select(r =>
            $"""<tr data-close="{Html.Encode(r.AccountId)}:{Html.Encode(r.PeriodStart)}"><th scope="row">{AccountLink(r.AccountId)}</th><td>{Html.Encode(r.PeriodStart)}</td><td class="since">{Since(r)}</td><td>{state(r)}</td></tr>"""));
        return $"""
            <div class="table-wrap" tabindex="0"><table id="{id}">
            <caption>{Html.Encode(caption)}</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Period</th><th scope="col">Started</th><th scope="col">State</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            """;
    }

    /// <summary>When the close started, as a date and a time that may wrap between them on a narrow table.</summary>
    private static string Since(CloseRow close) =>
        Html.Encode(close.Since.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));

    private static string AccountLink(string accountId) =>
        $"""<a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(accountId)}">{Html.Encode(accountId)}</a>""";
}
