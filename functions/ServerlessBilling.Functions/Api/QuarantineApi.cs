using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Payments;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>GET /api/quarantine/{source}</c>: a page of the records a source could not bill (<c>limit</c>, <c>cursor</c>), with kind, field, reason and raw content
/// (a conflict's raw content holds the billed and the held version and the fields that differ).</summary>
public sealed class QuarantineApi(IQuarantine quarantine, CountedUsageRating rating, QuarantineResolution resolution)
{
    [ApiOperation("Usage", "List a source's quarantined records",
        Response = typeof(ListResponse<QuarantinedRecord>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListQuarantine")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "quarantine/{source}")] HttpRequest request,
        string source,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Source(source))
            ?? await ListQuery.RespondAsync(request, $"quarantine|{source}", page => quarantine.ListPageAsync(source, page, cancellationToken));

    /// <summary>The most records one scoped replay names: a query string stays well inside the host's URL limit.</summary>
    public const int MaxReplayReferences = 100;

    /// <summary><c>POST /api/quarantine/{source}/replay</c>: rates the source's quarantined events again (after a number was assigned or a plan fixed);
    /// with <c>reference</c> (repeated), only those records, so fixing one account replays that account's calls and leaves the rest waiting.</summary>
    [ApiOperation("Usage", "Rate a source's quarantined events again",
        Response = typeof(ReplaySummary),
        Problems = [ProblemKind.Invalid],
        Query = ["reference: Replay only this record (its reference, as the quarantine list shows it); repeat for up to 100 records; without it, every record of the source"])]
    [Function("ReplayQuarantine")]
    public async Task<IResult> Replay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "quarantine/{source}/replay")] HttpRequest request,
        string source,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Source(source)) is { } refused)
        {
            return refused;
        }

        var references = request.Query["reference"];
        if (references.Count == 0)
        {
            return Results.Ok(await rating.ReplayAsync(source, cancellationToken));
        }

        if (ReferenceProblem(references.Count, references.Select(r => r ?? "")) is { } problem)
        {
            return ProblemResults.Invalid("The replay's references are invalid", problem);
        }

        return Results.Ok(await rating.ReplayAsync(source, references.Select(r => r!).ToHashSet(StringComparer.Ordinal), cancellationToken));
    }

    /// <summary>Why a scoped replay's references cannot be used, or null: each names a record (not blank, no longer than a table key), and there are
    /// at most <see cref="MaxReplayReferences"/>.</summary>
    public static RecordProblem? ReferenceProblem(int count, IEnumerable<string> references) =>
        count > MaxReplayReferences ? new RecordProblem("reference", $"names at most {MaxReplayReferences} records per replay")
        : references.Any(string.IsNullOrWhiteSpace) ? new RecordProblem("reference", "is blank")
        : references.Any(r => r.Length > 1024) ? new RecordProblem("reference", "is longer than 1024 characters")
        : null;

    /// <summary><c>POST /api/quarantine/{source}/resolve</c> with <c>{"reference": ..., "action": "discard" | "accept" | "replace"}</c>:
    /// a person's decision about one held record. 200 with what became of it; 400 when the action does not fit the record; 404 when
    /// there is no such record; 409 when a conflict's billed version is in a period whose close has started.</summary>
    [ApiOperation("Usage", "Discard, accept or replace a held record",
        Request = typeof(HoldDecision),
        Response = typeof(ResolvedHold),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"reference":"retell/call_1","action":"discard"}""")]
    [Function("ResolveQuarantine")]
    public async Task<IResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "quarantine/{source}/resolve")] HttpRequest request,
        string source,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Source(source)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadValidAsync<HoldDecision>(request, "The decision", d => d, d => d.Problems(), cancellationToken);
        if (!read.TryGetValue(out var decision))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await resolution.ResolveAsync(source, decision.Reference, decision.Action, new DurableCollections(client), cancellationToken)).ToResult(Results.Ok);
    }
}
