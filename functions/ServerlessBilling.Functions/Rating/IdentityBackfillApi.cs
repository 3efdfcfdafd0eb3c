using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Rating;

/// <summary><c>POST /api/maintenance/identity-backfill</c> with an empty body or <c>{"continuationToken": ..., "pages": 1-100}</c>: gives
/// the usage rows of at most that many ledger pages (default 10, of 1,000 rows) their identity rows, and answers rows scanned,
/// identities written, already present and conflicting, and the cursor to pass next (null once the ledger is done). Safe to repeat and
/// to run while deliveries arrive; 400 naming the field for an unknown field, a bad page count or a cursor this route did not give.</summary>
public sealed class IdentityBackfillApi(IdentityBackfill backfill)
{
    [ApiOperation("Usage", "Claim the identity of usage billed before identities were kept",
        Request = typeof(IdentityBackfillRequest),
        Response = typeof(IdentityBackfillSummary),
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge])]
    [Function("BackfillEventIdentities")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "maintenance/identity-backfill")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, RequestBody.DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.From(Problem.TooLarge(RequestBody.DocumentLimitBytes));
        }

        var read = IdentityBackfillRequest.Read(body);
        return read.TryGetValue(out var call) ? Results.Ok(await backfill.RunAsync(call, cancellationToken)) : ProblemResults.From(read.Problem!);
    }
}
