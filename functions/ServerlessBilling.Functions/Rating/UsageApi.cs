using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Functions.Rating;

/// <summary>An account's usage in a period: re-rate it after a plan correction, and see its margin against the vendors' cost.</summary>
public sealed class UsageApi(UsageRerating rerating, UsageReports reports)
{
    [Function("RerateUsage")]
    public async Task<IResult> Rerate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "accounts/{accountId}/periods/{periodStart}/rerate")] HttpRequest request,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        var outcome = await rerating.RerateAsync(new CycleRequest(accountId, periodStart), cancellationToken);
        return outcome.Refusal is { } refusal
            ? Results.Problem(title: "The period cannot be re-rated", detail: refusal.ToString(),
                statusCode: outcome.PeriodClosed ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest)
            : Results.Ok(outcome);
    }

    [Function("GetUsageMargin")]
    public async Task<IResult> Margin(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/periods/{periodStart}/margin")] HttpRequest request,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        var (report, problem) = await reports.MarginAsync(new CycleRequest(accountId, periodStart), cancellationToken);
        return report is null ? ProblemResults.Invalid("No margin report", problem!) : Results.Ok(report);
    }
}
