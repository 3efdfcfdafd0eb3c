using Microsoft.AspNetCore.Http;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Functions.Console;

/// <summary>The console's pages outside a session: the sign-in form, and the refusals (no session, a read-only session that tried to
/// change something, an expired form, something not found).</summary>
public sealed class ConsoleMessages(InvoiceBranding branding, BrandingLogo logo)
{
    /// <summary>The form that signs in with an admin or read-only API key; <paramref name="error"/> says why the last try failed.</summary>
    public ConsolePage SignIn(int status = StatusCodes.Status200OK, string? error = null)
    {
        var alert = error is null ? "" : $"""<p class="notice" role="alert" id="sign-in-error">{Html.Encode(error)}</p>""";
        return ConsolePage.Html(ConsoleLayout.Message(branding, logo.Png is not null, "Sign in to the console", $"""
            {alert}
            <form method="post" action="{ConsoleLayout.Root}/sign-in" class="filters">
            <label for="key">API key (admin or read-only)</label>
            <input id="key" name="key" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button>
            </form>
            <p>A read-only key shows everything and changes nothing. Customer keys do not open the console.</p>
            """), status);
    }

    public ConsolePage SignedOut() => Page(StatusCodes.Status200OK, "You are signed out",
        $"""<p><a href="{ConsoleLayout.Root}/sign-in">Sign in again</a></p>""");

    public ConsolePage ReadOnly() => Page(StatusCodes.Status403Forbidden, "Your session is read-only",
        $"""<p>You signed in with a read-only key, which shows everything and changes nothing. Sign in with an admin key to do this.</p><p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>""");

    public ConsolePage FormExpired() => Page(StatusCodes.Status403Forbidden, "This form has expired",
        "<p>Go back, reload the page and try again.</p>");

    public ConsolePage NoConsoleRole() => Page(StatusCodes.Status403Forbidden, "No access to the console",
        "<p>Your account has neither the admin nor the reader role of the console. Ask your administrator to assign one.</p>");

    /// <summary>A post the console cannot act on (400), naming the field and why, as the API's problem would.</summary>
    public ConsolePage Invalid(string what, ServerlessBilling.Usage.RecordProblem problem) => Page(StatusCodes.Status400BadRequest, $"{what} is invalid",
        $"""<p id="invalid" data-field="{Html.Encode(problem.Field)}">{Html.Encode(problem.Field)}: {Html.Encode(problem.Reason)}</p><p><a href="{ConsoleLayout.Root}">Back to the dashboard</a></p>""");

    public ConsolePage NotFound(string what) => Page(StatusCodes.Status404NotFound, "Not found", $"<p>{Html.Encode(what)} was not found.</p>");

    private ConsolePage Page(int status, string title, string content) =>
        ConsolePage.Html(ConsoleLayout.Message(branding, logo.Png is not null, title, content), status);
}
