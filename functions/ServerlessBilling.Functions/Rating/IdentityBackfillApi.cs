using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Rating;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Rating;

/// <summary><c>POST /api/maintenance/identity-backfill</c>: gives every usage row billed before event identities were kept its
/// identity row, and answers rows scanned, identities written, already present and conflicting. Safe to repeat and to run while
/// deliveries arrive.</summary>
public sealed class IdentityBackfillApi(IdentityBackfill backfill)
{
    [ApiOperation("Usage", "Claim the identity of usage billed before identities were kept",
        Response = typeof(IdentityBackfillSummary))]
    [Function("BackfillEventIdentities")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "maintenance/identity-backfill")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Results.Ok(await backfill.RunAsync(cancellationToken));
}
