using System.Text;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Functions.Console;

/// <summary>The frame of every console page: the reseller's name, who is signed in and with which role, the navigation, a sign-out
/// form, and the page's content under its heading. Plain HTML with the portal's served stylesheet and no script.</summary>
public static class ConsoleLayout
{
    public const string Root = "/api/console";

    public static string Page(ConsoleView view, ConsoleSection current, string title, string content)
    {
        ArgumentNullException.ThrowIfNull(view);
        var nav = new StringBuilder();
        foreach (var (section, label, path) in new[] { (ConsoleSection.Dashboard, "Dashboard", ""), (ConsoleSection.Accounts, "Accounts", "/accounts"), (ConsoleSection.Quotes, "Quotes", "/quotes") })
        {
            var active = section == current ? " aria-current=\"page\"" : "";
            nav.Append($"""<li><a href="{Root}{path}"{active}>{label}</a></li>""");
        }

        var role = view.Session.CanWrite ? "admin" : "read-only";
        var signOut = view.ViaEntra
            ? $"""<p class="sign-out"><a href="/.auth/logout?post_logout_redirect_uri={Uri.EscapeDataString(Root)}">Sign out</a></p>"""
            : $"""
                <form method="post" action="{Root}/sign-out" class="sign-out">
                {view.FormField}
                <button type="submit">Sign out</button>
                </form>
                """;
        var body = $"""
            <header class="masthead">
            {Brand(view.Branding, view.HasLogo)}
            <p class="account-name">Reseller console · <span id="signed-in-as">{Html.Encode(view.Session.Caller)}</span> (<span id="role">{role}</span>)</p>
            </header>
            <nav aria-label="Console">
            <ul>{nav}</ul>
            {signOut}
            </nav>
            <main id="main">
            <h1>{Html.Encode(title)}</h1>
            {content}
            </main>
            """;
        return Document(title, view.Branding, body);
    }

    /// <summary>A page outside a session (the sign-in form, a refusal): the reseller's name and the content.</summary>
    public static string Message(InvoiceBranding branding, bool hasLogo, string title, string content)
    {
        ArgumentNullException.ThrowIfNull(branding);
        var body = $"""
            <header class="masthead">{Brand(branding, hasLogo)}<p class="account-name">Reseller console</p></header>
            <main id="main" class="message">
            <h1>{Html.Encode(title)}</h1>
            {content}
            </main>
            """;
        return Document(title, branding, body);
    }

    private static string Document(string title, InvoiceBranding branding, string body) => HtmlFrame.Document(title, $"{branding.Name} console", branding, body);

    private static string Brand(InvoiceBranding branding, bool hasLogo) => HtmlFrame.Brand(branding, hasLogo);
}
