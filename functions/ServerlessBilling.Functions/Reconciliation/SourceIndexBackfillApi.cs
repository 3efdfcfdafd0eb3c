using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary><c>POST /api/maintenance/source-index-backfill</c> with an empty body or <c>{"continuationToken": ..., "pages": 1-100,
/// "accountId": ...}</c>: writes the index of sources for the usage rows of at most that many ledger pages (default 10, of 1,000 rows),
/// so reconciliation finds periods rated before the index was kept, and answers rows scanned, entries written and already there, and the
/// cursor to pass next (null once the ledger is done). Safe to repeat and to run while calls are rated; 400 naming the field.</summary>
public sealed class SourceIndexBackfillApi(SourceIndexBackfill backfill)
{
    [ApiOperation("Upstream costs", "Index the sources of usage rated before reconciliation's index was kept",
        Request = typeof(SourceIndexBackfillRequest),
        Response = typeof(SourceIndexBackfillSummary),
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge])]
    [Function("BackfillSourceIndex")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "maintenance/source-index-backfill")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, RequestBody.DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.From(Problem.TooLarge(RequestBody.DocumentLimitBytes));
        }

        var read = SourceIndexBackfillRequest.Read(body);
        return read.TryGetValue(out var call) ? Results.Ok(await backfill.RunAsync(call, cancellationToken)) : ProblemResults.From(read.Problem!);
    }
}
