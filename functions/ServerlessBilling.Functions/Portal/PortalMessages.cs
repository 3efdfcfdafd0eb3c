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

    /// <summary>The gateway could not start its page (a gateway without hosted pages, or one not set up).</summary>
    public HtmlPage PaymentUnavailable() => Page(StatusCodes.Status503ServiceUnavailable, "Payments are not available",
        "We cannot take payments online right now. Please try again later or contact us.");

    /// <summary>A page that moves on to <paramref name="address"/> by itself (already HTML-encoded), with a link for the customer too.</summary>
    public HtmlPage MovingOn(string address, string title, string linkText) => new(PortalLayout.Message(branding, logo.Png is not null, title,
        $"""<p><a href="{address}">{Html.Encode(linkText)}</a></p>""")
        .Replace("<head>", $"""<head><meta http-equiv="refresh" content="0;url={address}">""", StringComparison.Ordinal));

    /// <summary>The step to the gateway's hosted page: a page that moves on to it by itself (Stripe Checkout), or a form whose
    /// fields the customer posts there with one button (Authorize.Net Accept Hosted; the page's policy lets its form reach that origin).</summary>
    public HtmlPage HandOff(ServerlessBilling.Payments.HostedPaymentPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var address = Html.Encode(page.Address.ToString());
        if (!page.IsFormPost)
        {
            return MovingOn(address, "Taking you to our secure payment page", "Continue to the secure payment page");
        }

        var fields = string.Concat(page.Fields.Select(f => $"""<input type="hidden" name="{Html.Encode(f.Key)}" value="{Html.Encode(f.Value)}">"""));
        return new HtmlPage(PortalLayout.Message(branding, logo.Png is not null, "Continue to our secure payment page",
            $"""
            <p>You enter your card or bank details on our payment processor's page; they never reach us.</p>
            <form method="post" action="{address}">{fields}<button type="submit">Continue to the secure payment page</button></form>
            """)).AllowingFormsTo(page.Address);
    }

    private HtmlPage Page(int status, string title, string message) =>
        new(PortalLayout.Message(branding, logo.Png is not null, title, $"<p>{Html.Encode(message)}</p>"), status);
}
