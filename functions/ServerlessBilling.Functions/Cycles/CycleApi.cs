using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Cycles;

/// <summary><c>POST /api/cycles/{accountId}/{periodStart}/close</c> starts a close once, <c>.../retry</c> runs a failed one again; <c>GET /api/cycles/{accountId}/{periodStart}</c> reports it:
/// its step, its invoice's tax notices and, while it is held, the missing rates (<c>awaitingTaxData</c>).</summary>
public sealed class CycleApi(CycleStarts starts, TimeProvider clock)
{
    [ApiOperation("Closes", "Close an account's billing period",
        Description = "Starts the close once; a repeated request answers the same instance with `started: false`. `Location` names the status route.",
        Response = typeof(CycleCloseStart),
        Status = 202,
        Problems = [ProblemKind.Invalid])]
    [Function("StartCycleClose")]
    public async Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{accountId}/{periodStart}/close")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart)) is { } refused)
        {
            return refused;
        }

        var cycle = new CycleRequest(accountId, periodStart);
        var decision = await starts.DecideAsync(cycle, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken);
        if (decision.Status == CycleStartStatus.Invalid)
        {
            return ProblemResults.Invalid("The close cannot start", decision.Problem!);
        }

        // The ledger row may exist without an instance if a start crashed in between: schedule then, once.
        var scheduled = await new DurableCycleOrchestrations(client).EnsureScheduledAsync(cycle, cancellationToken);

        var location = StatusRoute(accountId, periodStart);
        var body = new CycleCloseStart(cycle.InstanceId, scheduled && decision.Status == CycleStartStatus.Start, location);
        return Results.Accepted(location, body);
    }

    [ApiOperation("Closes", "Run a failed close again",
        Description = "Starts a failed close again from its start, under its own instance id and with the request it was given, as the console's retry does; 202 with the status link. Every step is idempotent, so an invoice that took its number keeps it. A close that is running, has finished, or was already retried is left as it is (409); one never started is not found (404).",
        Response = typeof(CycleCloseStart),
        Status = 202,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict])]
    [Function("RetryCycleClose")]
    public async Task<IResult> Retry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cycles/{accountId}/{periodStart}/retry")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart)) is { } refused)
        {
            return refused;
        }

        var cycle = new CycleRequest(accountId, periodStart);
        var location = StatusRoute(accountId, periodStart);
        return await client.RestartFailedAsync<CloseCycleInput>(CloseCycleOrchestration.Name, cycle.InstanceId, cancellationToken, CloseCycleInput.Current) switch
        {
            FailedRestart.Restarted => Results.Accepted(location, new CycleCloseStart(cycle.InstanceId, true, location)),
            FailedRestart.NotFound => ProblemResults.NotFound($"The close of {accountId} for {periodStart}"),
            _ => ProblemResults.Of(ProblemResults.ConflictType, "The close has not failed",
                $"Nothing was started: the close of {accountId} for {periodStart} is running, has finished, or was retried already."),
        };
    }

    [ApiOperation("Closes", "A close's status and invoice",
        Response = typeof(CycleCloseStatus),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCycleClose")]
    public async Task<IResult> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cycles/{accountId}/{periodStart}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string accountId,
        string periodStart,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.PeriodStart(periodStart)) is { } refused)
        {
            return refused;
        }

        var cycle = new CycleRequest(accountId, periodStart);
        var instance = await client.GetInstanceAsync(cycle.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return ProblemResults.NotFound($"The close of {accountId} for {periodStart}");
        }

        var progress = CloseProgress.Of(instance);
        var invoice = instance.IsCompleted && instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<InvoiceSummary>()
            : null;
        return Results.Ok(new CycleCloseStatus(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            progress?.Stage,
            invoice,
            invoice?.TaxNotices ?? progress?.TaxNotices ?? [],
            progress?.AwaitingTaxData,
            instance.FailureDetails?.ErrorMessage ?? CloseFailure.Of(instance)?.Reason));
    }

    /// <summary>The close's status route, answered as <c>Location</c> by the start and the retry.</summary>
    private static string StatusRoute(string accountId, string periodStart) =>
        $"/api/cycles/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(periodStart)}";
}
