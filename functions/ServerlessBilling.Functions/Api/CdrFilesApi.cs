using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/cdr-files/{name}</c>: each version of a dropped file (newest first) with lines read, accepted, duplicate, quarantined and unattributed.</summary>
public sealed class CdrFilesApi(CdrFileReports reports)
{
    [ApiOperation("Usage", "A dropped CDR file's versions and counts",
        Response = typeof(IReadOnlyList<CdrFileStatus>),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCdrFile")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cdr-files/{*name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.FileName(name)) is { } refused)
        {
            return refused;
        }

        var versions = await reports.GetAsync(name, cancellationToken);
        return versions.Count > 0 ? Results.Ok(versions) : ProblemResults.NotFound($"CDR file '{name}'");
    }
}
