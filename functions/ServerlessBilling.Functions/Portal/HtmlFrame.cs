using ServerlessBilling.Pdf;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The HTML document around every portal and console page: the served stylesheet, a skip link, the page's body and the
/// reseller's name in the footer; and the reseller's brand (logo and name) for a page's masthead.</summary>
public static class HtmlFrame
{
    /// <param name="title">The page's own title.</param>
    /// <param name="site">What the page belongs to, after the title in the browser's tab (the reseller's name, or its console).</param>
    public static string Document(string title, string site, InvoiceBranding branding, string body)
    {
        ArgumentNullException.ThrowIfNull(branding);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Encode(title)} · {Html.Encode(site)}</title>
            <link rel="stylesheet" href="{PortalLayout.Root}/assets/portal.css">
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            {body}
            <footer><p>{Html.Encode(branding.Name)}</p></footer>
            </body>
            </html>
            """;
    }

    public static string Brand(InvoiceBranding branding, bool hasLogo)
    {
        ArgumentNullException.ThrowIfNull(branding);
        return hasLogo
            ? $"""<p class="brand"><img src="{PortalLayout.Root}/assets/logo.png" alt="" class="logo"> {Html.Encode(branding.Name)}</p>"""
            : $"""<p class="brand">{Html.Encode(branding.Name)}</p>""";
    }
}
