using ServerlessBilling.Accounts;
using ServerlessBilling.Pdf;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Who is looking at what: the session, the account it signed in to, the account shown (itself or one of its locations),
/// and the reseller's branding every page carries.</summary>
public sealed record PortalView(PortalSession Session, Account Shown, string FormToken, InvoiceBranding Branding, bool HasLogo)
{
    /// <summary>The query that keeps a location in view from page to page; empty on the signed-in account itself.</summary>
    public string AccountQuery => Shown.Id == Session.AccountId ? "" : Html.Query(("account", Shown.Id));

    /// <summary>A hidden field naming the location in view, for forms that read their own query.</summary>
    public string AccountField => Shown.Id == Session.AccountId ? "" : $"""<input type="hidden" name="account" value="{Html.Encode(Shown.Id)}">""";
}
