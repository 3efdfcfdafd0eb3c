using Microsoft.AspNetCore.Http;
using ServerlessBilling.Pdf;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The check in front of every portal page: a live session from the cookie, and the account the page asks for
/// (<c>?account=</c>) within that session's reach. Answers the page to show instead when either fails.</summary>
public sealed class PortalGate(PortalAccess access, PortalMessages messages, InvoiceBranding branding, BrandingLogo logo)
{
    public async Task<Admission> AdmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await access.AuthenticateAsync(PortalCookie.Read(request), cancellationToken) is not { } session)
        {
            return new Admission(null, messages.SessionEnded().WithSession(request, null, TimeSpan.Zero));
        }

        var scoped = await access.ScopeAsync(session, request.Query["account"].FirstOrDefault(), cancellationToken);
        return scoped.TryGetValue(out var account)
            ? new Admission(new PortalView(session, account, access.FormToken(session), branding, logo.Png is not null), null)
            : new Admission(null, messages.NotFound());
    }

    /// <summary>Whether the posted form carries the session's form token.</summary>
    public bool IsFormToken(PortalSession session, string? presented) => access.IsFormToken(session, presented);
}
