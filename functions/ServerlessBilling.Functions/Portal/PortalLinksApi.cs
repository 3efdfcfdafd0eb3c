using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Management API for customer portal links: issue one for an account, or revoke every link (and session) issued so far.</summary>
/// <remarks>Each issue and revocation is a record for the audit trail (<see cref="PortalLinkLog"/>).</remarks>
public sealed class PortalLinksApi(PortalAccess access, ILogger<PortalLinksApi> logger)
{
    [ApiOperation("Portal", "Issue a customer portal link for an account",
        Description = "A signed link that opens the customer portal for this account (and, for a group parent, its locations). It expires after `Portal:LinkLifetimeMinutes`; redeeming it sets a short session cookie and moves on, so the token does not stay in the address bar.",
        Response = typeof(IssuedPortalLink),
        Status = StatusCodes.Status201Created,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("IssuePortalLink")]
    public async Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/portal-links")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        var issued = await access.IssueLinkAsync(accountId, cancellationToken);
        return issued.ToResult(link =>
        {
            PortalLinkLog.Issued(logger, link, "the API");
            return Results.Created($"/api/accounts/{Uri.EscapeDataString(accountId)}/portal-links", IssuedPortalLink.Of(request, link));
        });
    }

    [ApiOperation("Portal", "Revoke an account's customer portal links",
        Description = "Every link issued for the account until now is refused from now on, and the sessions they opened end at their next request.",
        Response = typeof(PortalRevocation),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("RevokePortalLinks")]
    public async Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "accounts/{accountId}/portal-links")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        var revoked = await access.RevokeLinksAsync(accountId, cancellationToken);
        return revoked.ToResult(before =>
        {
            PortalLinkLog.Revoked(logger, accountId);
            return Results.Ok(new PortalRevocation(accountId, before));
        });
    }
}
