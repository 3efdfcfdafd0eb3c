using System.Text;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The frame of every portal page: the reseller's name and logo, the navigation, a sign-out form, and the page's content
/// under its heading. Pages are plain HTML with one served stylesheet and no script, so they work on any phone.</summary>
public static class PortalLayout
{
    public const string Root = "/api/portal";

    public static string Page(PortalView view, PortalSection current, string title, string content)
    {
        ArgumentNullException.ThrowIfNull(view);
        var nav = new StringBuilder();
        foreach (var (section, label, path) in Sections(view))
        {
            var active = section == current ? " aria-current=\"page\"" : "";
            nav.Append($"""<li><a href="{Root}{path}{view.AccountQuery}"{active}>{label}</a></li>""");
        }

        var location = view.Shown.Id == view.Session.AccountId
            ? ""
            : $"""<p class="notice">You are viewing the location <strong>{Html.Encode(view.Shown.Name)}</strong>. <a href="{Root}">Back to your account</a></p>""";
        var body = $"""
            <header class="masthead">
            {Brand(view.Branding, view.HasLogo)}
            <p class="account-name">{Html.Encode(view.Shown.Name)} <span class="account-id">({Html.Encode(view.Shown.Id)})</span></p>
            </header>
            <nav aria-label="Portal">
            <ul>{nav}</ul>
            <form method="post" action="{Root}/sign-out" class="sign-out">
            <input type="hidden" name="csrf" value="{Html.Encode(view.FormToken)}">
            <button type="submit">Sign out</button>
            </form>
            </nav>
            <main id="main">
            {location}
            <h1>{Html.Encode(title)}</h1>
            {content}
            </main>
            """;
        return Document(title, view.Branding, body);
    }

    /// <summary>A page outside a session (a refused link, a session that ended): the reseller's name and a message.</summary>
    public static string Message(InvoiceBranding branding, bool hasLogo, string title, string message)
    {
        ArgumentNullException.ThrowIfNull(branding);
        var body = $"""
            <header class="masthead">{Brand(branding, hasLogo)}</header>
            <main id="main" class="message">
            <h1>{Html.Encode(title)}</h1>
            {message}
            </main>
            """;
        return Document(title, branding, body);
    }

    private static string Document(string title, InvoiceBranding branding, string body) => HtmlFrame.Document(title, branding.Name, branding, body);

    private static string Brand(InvoiceBranding branding, bool hasLogo) => HtmlFrame.Brand(branding, hasLogo);

    private static IEnumerable<(PortalSection Section, string Label, string Path)> Sections(PortalView view)
    {
        yield return (PortalSection.Overview, "Overview", "");
        yield return (PortalSection.Invoices, "Invoices", "/invoices");
        yield return (PortalSection.Usage, "Usage", "/usage");
        yield return (PortalSection.PaymentMethods, "Payments", "/payment-methods");
        if (view.Shown.Id == view.Session.AccountId)
        {
            yield return (PortalSection.Locations, "Locations", "/locations");
        }
    }
}
