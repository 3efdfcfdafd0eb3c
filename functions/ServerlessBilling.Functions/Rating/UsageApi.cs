using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Payments;
using Microsoft.DurableTask.Client;
using NodaTime.Text;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Rating;

/// <summary>An account's usage in a period: re-rate it after a plan correction, and see its margin against the vendors' cost.</summary>
public sealed class UsageApi(UsageRerating rerating, UsageReports reports)
{
    /// <summary>Re-rates an open period, or settles a closed one's difference (<c>?runId=</c> keys that settlement; repeating a run adds nothing).</summary>
    [ApiOperation("Usage", "Re-rate an account's period",
        Description = "Re-rates an open period, or settles a closed one's difference with a credit note or a pending adjustment.",
        Response = typeof(RerateOutcome),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict],
        Query = ["runId: keys the settlement of a closed period; repeating a run adds nothing"])]
    [Function("RerateUsage")]
    public async Task<IResult> Rerate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/{accountId}/periods/{periodStart}/rerate")] HttpRequest request,
        string accountId,
        string periodStart,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart)) is { } refused)
        {
            return refused;
        }

        var runId = request.Query["runId"].FirstOrDefault() is { Length: > 0 } run ? run : null;
        if (runId is not null && RouteIds.Refuse(RouteIds.RunId(runId)) is { } refusedRun)
        {
            return refusedRun;
        }

        return (await rerating.RerateAsync(new CycleRequest(accountId, periodStart), runId, new DurableCollections(client), cancellationToken)).ToResult(rerate => Results.Ok(rerate));
    }

    /// <summary><c>POST /api/periods/{date}/rerate</c>: re-rates every account's period containing the date, as after a correction to a shared plan.</summary>
    [ApiOperation("Usage", "Re-rate every account's period containing a date",
        Response = typeof(IReadOnlyList<AccountRerate>),
        Problems = [ProblemKind.Invalid])]
    [Function("RerateAllUsage")]
    public async Task<IResult> RerateAll(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "periods/{date}/rerate")] HttpRequest request,
        string date,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        return RouteIds.Refuse(RouteIds.Date(date))
            ?? Results.Ok(await rerating.RerateAllAsync(LocalDatePattern.Iso.Parse(date).Value, new DurableCollections(client), cancellationToken));
    }

    /// <summary>A page of the account's rated calls in the period, in event order (<c>limit</c>, <c>cursor</c>).</summary>
    [ApiOperation("Usage", "List an account period's rated calls",
        Response = typeof(ListResponse<RatedUsage>),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListRatedCalls")]
    public async Task<IResult> RatedCalls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/periods/{periodStart}/usage")] HttpRequest request,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart))
            ?? await ListQuery.RespondAsync(
                request, $"usage|{accountId}|{periodStart}", page => reports.RatedCallsAsync(new CycleRequest(accountId, periodStart), page, cancellationToken));

    [ApiOperation("Usage", "An account period's margin against vendor cost",
        Response = typeof(MarginReport),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetUsageMargin")]
    public async Task<IResult> Margin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/periods/{periodStart}/margin")] HttpRequest request,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart))
            ?? (await reports.MarginAsync(new CycleRequest(accountId, periodStart), cancellationToken)).ToResult(report => Results.Ok(report));

    /// <summary><c>GET /api/accounts/{accountId}/usage/current</c>: the open period's usage so far, per component, number and agent.</summary>
    [ApiOperation("Usage", "An account's usage in its open period so far",
        Description = "Calls, seconds, billable minutes and per-call amounts per component, per number and per agent, with the total. "
            + "Amounts are before the period's bundles and tiers; the upcoming invoice shows what is billed.",
        Response = typeof(CurrentUsage),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCurrentUsage")]
    public async Task<IResult> Current(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/usage/current")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId))
            ?? (await reports.CurrentAsync(accountId, cancellationToken)).ToResult(report => Results.Ok(report));
}
