using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/quarantine/{source}</c>: the records a source could not bill, with field, reason and raw content.</summary>
public sealed class QuarantineApi(IQuarantine quarantine)
{
    [Function("ListQuarantine")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "quarantine/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        Results.Ok(await quarantine.ListAsync(source, cancellationToken));
}
