using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary><c>GET /api/portal/enter?token=</c>: redeems a portal link into a session cookie, or shows why it cannot.</summary>
public sealed class PortalEntry(PortalAccess access, PortalMessages messages, PortalOptions options)
{
    [ApiOperation("Portal", "Redeem a customer portal link",
        Description = "Anonymous: the token is the credential. A genuine, unexpired, unrevoked link sets the session cookie (HttpOnly, SameSite=Strict, Secure but on plain-HTTP loopback) and answers a page that moves on to the overview; otherwise a page saying why (403 not valid, 410 expired or revoked, 429 too many attempts from this address in a minute).",
        Files = ["text/html"],
        Query = ["token: The signed token of the link"])]
    [Function("RedeemPortalLink")]
    public async Task<IResult> Redeem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/enter")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var redemption = await access.RedeemAsync(request.Query["token"].FirstOrDefault(), ClientOf(request), cancellationToken);
        return redemption.Session is { } session
            ? messages.Welcome().WithSession(request, session.Token, options.SessionLifetime.ToTimeSpan())
            : messages.Refused(redemption.Refusal!.Value);
    }

    /// <summary>The address attempts are counted by: the last hop of <c>X-Forwarded-For</c>, which Azure's front end adds (earlier
    /// hops are the client's to write), else the connection's own.</summary>
    private static string ClientOf(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return forwarded.Length > 0 ? forwarded[^1] : request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
    }
}
