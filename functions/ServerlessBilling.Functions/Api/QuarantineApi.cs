using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/quarantine/{source}</c>: the records a source could not bill, with field, reason and raw content.</summary>
public sealed class QuarantineApi(IQuarantine quarantine, CountedUsageRating rating)
{
    [Function("ListQuarantine")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "quarantine/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Source(source)) ?? Results.Ok(await quarantine.ListAsync(source, cancellationToken));

    /// <summary><c>POST /api/quarantine/{source}/replay</c>: rates the source's quarantined events again (after a number was assigned or a plan fixed).</summary>
    [Function("ReplayQuarantine")]
    public async Task<IResult> Replay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "quarantine/{source}/replay")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Source(source)) ?? Results.Ok(await rating.ReplayAsync(source, cancellationToken));
}
