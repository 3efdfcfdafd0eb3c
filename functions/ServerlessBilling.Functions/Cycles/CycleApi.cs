using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Http;

namespace ServerlessBilling.Functions.Cycles;

/// <summary><c>POST /api/cycles/{accountId}/{periodStart}/close</c> starts a close once; <c>GET /api/cycles/{accountId}/{periodStart}</c> reports it:
/// its step, its invoice's tax notices and, while it is held, the missing rates (<c>awaitingTaxData</c>).</summary>
public sealed class CycleApi(CycleStarts starts, TimeProvider clock)
{
    [Function("StartCycleClose")]
    public async Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cycles/{accountId}/{periodStart}/close")] HttpRequest request,
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

        var location = $"/api/cycles/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(periodStart)}";
        var body = new { instanceId = cycle.InstanceId, started = scheduled && decision.Status == CycleStartStatus.Start, status = location };
        return Results.Accepted(location, body);
    }

    [Function("GetCycleClose")]
    public async Task<IResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cycles/{accountId}/{periodStart}")] HttpRequest request,
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
        return Results.Ok(new
        {
            instanceId = instance.InstanceId,
            runtimeStatus = instance.RuntimeStatus.ToString(),
            customStatus = progress?.Stage,
            invoice,
            taxNotices = invoice?.TaxNotices ?? progress?.TaxNotices ?? [],
            awaitingTaxData = progress?.AwaitingTaxData,
            failure = instance.FailureDetails?.ErrorMessage,
        });
    }
}
