using System.Text;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>One tax table document in the console: the closes held for its data, the document as stored, and (for admins) the upload
/// that stores a new version and releases those closes.</summary>
public static class TaxTablePage
{
    public static string Render(ConsoleView view, string name, string? document, string? version, IReadOnlyList<HeldCycleClose> held, IReadOnlyList<string>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(held);
        var waiting = held.Count == 0
            ? $"""<p id="held-none">No close waits for this table.</p>"""
            : $"""<ul id="held-for-table">{string.Concat(held.Select(h => $"<li>{Html.Encode(h.InstanceId)}: {Html.Encode(string.Join("; ", h.Hold.Missing.Where(n => n.Table == name).Select(n => n.ToString())))}</li>"))}</ul>""";
        var rejected = problems is null ? "" : $"""
            <div class="notice" role="alert"><p>The document was rejected; the tables in force are unchanged.</p>
            <ul id="problems">{string.Concat(problems.Select(p => $"<li>{Html.Encode(p)}</li>"))}</ul></div>
            """;
        var upload = view.Session.CanWrite
            ? $"""
                <form method="post" action="{ConsoleLayout.Root}/tax-tables/{Uri.EscapeDataString(name)}" enctype="multipart/form-data">
                {view.FormField}
                <label for="document">Tax table document (JSON, as <code>PUT /api/tax-tables/{Html.Encode(name)}</code> takes it)</label>
                <input type="file" id="document" name="document" accept="application/json,.json" required>
                <button type="submit">Upload and release the held closes</button>
                </form>
                """
            : "<p>Uploading a tax table needs an admin session.</p>";
        var stored = document is null
            ? $"""<p id="no-document">No document named {Html.Encode(name)} is stored or shipped yet; an upload adds it.</p>"""
            : $"""<p>Version <code id="version">{Html.Encode(version)}</code></p><div class="table-wrap" tabindex="0" aria-label="The document"><pre id="document-text">{Html.Encode(document)}</pre></div>""";
        var content = new StringBuilder($"""
            {rejected}
            <section aria-labelledby="held-heading" class="card">
            <h2 id="held-heading">Closes held for this table</h2>
            {waiting}
            <p>A close held for missing tax data drafts again as soon as a table is stored, and takes its number once a rate covers its date.</p>
            {upload}
            </section>
            <section aria-labelledby="document-heading" class="card">
            <h2 id="document-heading">The document</h2>
            {stored}
            </section>
            """);
        return ConsoleLayout.Page(view, ConsoleSection.Dashboard, $"Tax table {name}", content.ToString());
    }

    /// <summary>What an upload did: the table stored, and how many closes were told to draft again.</summary>
    public static string Stored(ConsoleView view, string name, int rules, int woken) => ConsoleLayout.Page(view, ConsoleSection.Dashboard, $"Stored tax table {name}", $"""
        <p role="status">The table is in force with <span id="rules">{rules}</span> rules. Closes told to draft again: <span id="closes-woken">{woken}</span>.</p>
        <p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>
        """);
}
