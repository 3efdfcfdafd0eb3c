using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Tax table documents: <c>GET /api/tax-tables</c>, <c>GET/PUT /api/tax-tables/{name}</c>. An upload is validated with every other
/// document before it is stored (under <c>If-Match</c> when given: 412 when the document moved on), and then wakes the closes held for missing tax data so they draft again (<see cref="HeldCycleCloses"/>). Each stored upload is audited (<see cref="TaxTableSaveLog"/>).</summary>
public sealed class TaxTablesApi(ITaxTableStore tables, ILogger<TaxTablesApi> logger)
{
    private const int DocumentLimitBytes = 1024 * 1024;

    [ApiOperation("Taxes", "List tax table documents",
        Response = typeof(TaxTableListing))]
    [Function("ListTaxTables")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tax-tables")] HttpRequest request,
        CancellationToken cancellationToken) =>
        Results.Ok(await tables.ListAsync(cancellationToken));

    [ApiOperation("Taxes", "Read a tax table document",
        Response = typeof(System.Text.Json.JsonElement),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetTaxTable")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tax-tables/{name}")] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.DocumentName(name)) is { } refused)
        {
            return refused;
        }

        return await tables.FindVersionedAsync(name, cancellationToken) is { } found
            ? Results.Bytes(found.Content.ToArray(), "application/json").WithETag(found.Version)
            : ProblemResults.NotFound($"Tax table '{name}'");
    }

    [ApiOperation("Taxes", "Upload a tax table document",
        Description = "Validated with every other table in force; a rejected table leaves the tables in force unchanged. Closes held for its data are woken. "
            + "Answers `rules` and `jurisdictions` of this document alone (its rules and the jurisdictions they tax) and `closesWoken`.",
        RequestMediaType = "application/json",
        Response = typeof(TaxTableAccepted),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.Stale, ProblemKind.TooLarge])]
    [Function("PutTaxTable")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "tax-tables/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string name,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.DocumentName(name)) is { } refused)
        {
            return refused;
        }

        if (await RequestBody.ReadAsync(request, DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.TooLarge(DocumentLimitBytes);
        }

        Outcome<TaxTableWrite> written;
        try
        {
            written = await tables.SetAsync(name, body, EntityTags.IfMatch(request), cancellationToken);
        }
        catch (InvalidTaxTableException rejected)
        {
            // Each problem starts with the rule (or document) at fault.
            return ProblemResults.Invalid($"Tax table '{name}' was rejected; the tables in force are unchanged",
                [.. rejected.Problems.Select(p => new RecordProblem(name, p))]);
        }

        if (!written.TryGetValue(out var write))
        {
            return ProblemResults.From(written.Problem!);
        }

        var woken = await new HeldCycleCloses(client).WakeAsync(name, cancellationToken);
        TaxTableSaveLog.Stored(logger, name, write, ApiCaller.Of(request), "the API", woken);
        return Results.Ok(TaxTableAccepted.Of(name, write.Table, woken)).WithETag(write.Version);
    }
}
