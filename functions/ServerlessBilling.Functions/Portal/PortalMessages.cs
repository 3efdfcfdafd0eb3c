using Microsoft.AspNetCore.Http;
using ServerlessBilling.Pdf;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The friendly pages shown instead of the portal: a link that did not work, a session that ended, a page of another account.
/// Each says what happened and what to do, never which part of a token was wrong.</summary>
public sealed class PortalMessages(InvoiceBranding branding, BrandingLogo logo)
{
    public HtmlPage Refused(RedemptionRefusal refusal) => refusal switch
    {
        RedemptionRefusal.Expired => Page(StatusCodes.Status410Gone, "This link has expired",
            "Portal links work for a short time only. Ask us for a new one and open it soon after it arrives."),
        RedemptionRefusal.Revoked => Page(StatusCodes.Status410Gone, "This link is no longer valid",
            "It was withdrawn after it was sent. Ask us for a new one."),
        RedemptionRefusal.TooManyAttempts => Page(StatusCodes.Status429TooManyRequests, "Too many attempts",
            "Please wait a minute, then open your link again."),
        _ => Page(StatusCodes.Status403Forbidden, "This link is not valid",
            "Check that you opened the whole link from your message, or ask us for a new one."),
    };

    public HtmlPage SessionEnded() => Page(StatusCodes.Status401Unauthorized, "Please open your portal link again",
        "Your session has ended or you are not signed in. For your security sessions are short: open the link you were sent, or ask us for a new one.");

    public HtmlPage NotFound() => Page(StatusCodes.Status404NotFound, "Not found", "There is nothing here for your account.");

    public HtmlPage FormExpired() => Page(StatusCodes.Status403Forbidden, "This form has expired", "Go back, reload the page and try again.");

    public HtmlPage SignedOut() => Page(StatusCodes.Status200OK, "You are signed out", "To come back, open a new portal link.");

    /// <summary>The page a redeemed link answers with: it moves on to the overview by itself, so the link's token leaves the address
    /// bar, and the cookie is sent on that next request even when the link was opened from another site (SameSite=Strict).</summary>
    public HtmlPage Welcome() => new(PortalLayout.Message(branding, logo.Png is not null, "Signing you in",
        $"""<p><a href="{PortalLayout.Root}">Continue to your account</a></p>""")
        .Replace("<head>", $"""<head><meta http-equiv="refresh" content="0;url={PortalLayout.Root}">""", StringComparison.Ordinal));

    private HtmlPage Page(int status, string title, string message) =>
        new(PortalLayout.Message(branding, logo.Png is not null, title, $"<p>{Html.Encode(message)}</p>"), status);
}
