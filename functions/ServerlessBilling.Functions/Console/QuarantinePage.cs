using System.Text;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Console;

/// <summary>A source's held records, each with its own Replay button for admins (a form naming that record's reference, so replaying
/// one fixed call leaves the rest waiting), a search over the references, and the page a replay answers with.</summary>
public static class QuarantinePage
{
    public static string Render(ConsoleView view, HeldRecords held)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(held);
        var action = $"{ConsoleLayout.Root}/quarantine/{Uri.EscapeDataString(held.Source)}/replay";
        var rows = new StringBuilder();

        // References (blob names, archive names) and reasons are long and unbroken: they wrap, so every column stays in view.
        foreach (var record in held.Shown)
        {
            var replay = view.Session.CanWrite
                ? $"""<form method="post" action="{action}">{view.FormField}<input type="hidden" name="reference" value="{Html.Encode(record.Reference)}"><button type="submit" aria-label="Replay {Html.Encode(record.Reference)}">Replay</button></form>"""
                : "";
            rows.Append($"""<tr data-reference="{Html.Encode(record.Reference)}"><th scope="row" class="wrap">{Html.Encode(record.Reference)}</th><td>{Kind(record.Kind)}</td><td>{Html.Encode(record.Problem.Field)}</td><td class="reason">{Html.Encode(record.Problem.Reason)}</td><td>{replay}</td></tr>""");
        }

        var table = held.Shown.Count == 0
            ? $"""<p id="held-none">{(held.Find is null ? "Nothing is held." : "No held record matches.")}</p>"""
            : $"""
                <div class="table-wrap" tabindex="0"><table id="held">
                <caption>{Caption(held)}</caption>
                <thead><tr><th scope="col">Reference</th><th scope="col">Kind</th><th scope="col">Field</th><th scope="col">Reason</th><th scope="col">Replay</th></tr></thead>
                <tbody>{rows}</tbody>
                </table></div>
                """;
        var replayAll = view.Session.CanWrite && held.Find is null && held.Shown.Count > 0
            ? $"""<form method="post" action="{action}">{view.FormField}<button type="submit">Replay every held {Html.Encode(held.Source)} record</button></form>"""
            : "";
        var content = $"""
            <form method="get" action="{ConsoleLayout.Root}/quarantine/{Uri.EscapeDataString(held.Source)}" class="filters" role="search">
            <label for="find">Reference contains</label>
            <input id="find" name="find" value="{Html.Encode(held.Find)}">
            <button type="submit">Find</button>
            </form>
            {table}
            <p>Replaying rates a held record again, after its number was assigned or its plan fixed; what still fails stays held.</p>
            {replayAll}
            <p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>
            """;
        return ConsoleLayout.Page(view, ConsoleSection.Dashboard, $"Held {held.Source} records", content);
    }

    /// <summary>What became of a replay: of the named records (<paramref name="references"/>), or of the whole source when null.</summary>
    public static string Replayed(ConsoleView view, string source, IReadOnlySet<string>? references, ReplaySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var title = references is null ? $"Replayed {source}"
            : references.Count == 1 ? $"Replayed {references.Single()}"
            : $"Replayed {references.Count} {source} records";
        return ConsoleLayout.Page(view, ConsoleSection.Dashboard, title, $"""
            <div class="table-wrap" tabindex="0"><table id="replay">
            <caption>What became of the held records</caption>
            <tbody>
            <tr><th scope="row">Billed</th><td class="num" id="replay-billed">{summary.Billed}</td></tr>
            <tr><th scope="row">Still held</th><td class="num" id="replay-held">{summary.StillQuarantined}</td></tr>
            <tr><th scope="row">Conflicting duplicates</th><td class="num" id="replay-conflicts">{summary.Conflicts}</td></tr>
            <tr><th scope="row">Not usage events</th><td class="num" id="replay-not-events">{summary.NotEvents}</td></tr>
            </tbody>
            </table></div>
            <p><a href="{ConsoleLayout.Root}/quarantine/{Uri.EscapeDataString(source)}">Held {Html.Encode(source)} records</a></p>
            <p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>
            """);
    }

    private static string Caption(HeldRecords held) => held.Matching > held.Shown.Count
        ? $"The first {held.Shown.Count} of {held.Matching} held records; search to narrow them"
        : $"{held.Matching} held {(held.Matching == 1 ? "record" : "records")}";

    /// <summary>The kind as the dashboard names it.</summary>
    public static string Kind(QuarantineKind kind) => kind switch
    {
        QuarantineKind.Limit => "Over a limit",
        QuarantineKind.Conflict => "Conflicting duplicate",
        _ => "Problem",
    };
}
