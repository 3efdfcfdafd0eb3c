using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/ingest/counters?source=&amp;from=&amp;to=</c>: received, accepted, duplicate, quarantined ... per source and UTC day, with totals.</summary>
public sealed class IngestCountersApi(IIngestCounters counters, IClock clock)
{
    [ApiOperation("Usage", "Ingest counters per source and day",
        Response = typeof(IngestCountReport),
        Problems = [ProblemKind.Invalid],
        Query = ["source: one source (twilio, retell, ...); all when absent", "from: first UTC day (yyyy-MM-dd)", "to: last UTC day (yyyy-MM-dd)"])]
    [Function("GetIngestCounters")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ingest/counters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (query, problems) = IngestCounterQuery.Parse(
            request.Query["source"], request.Query["from"], request.Query["to"], clock.GetCurrentInstant().InUtc().Date);
        if (query is null)
        {
            return ProblemResults.Invalid("The counters query is not valid", problems);
        }

        var parts = await counters.ListAsync(query.Source, query.From, query.To, cancellationToken);
        return Results.Ok(IngestCountReport.Of(query.From, query.To, query.Source, parts));
    }
}
