using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycle;

/// <summary>Schedules <see cref="CloseCycleOrchestration"/> under the close's deterministic instance id, once.</summary>
/// <remarks>
/// The existence check covers a ledger row whose start crashed before scheduling; the dedupe statuses make the
/// engine refuse a second instance with the same id instead of re-running a completed or failed one.
/// </remarks>
public sealed class DurableCycleOrchestrations(DurableTaskClient client) : ICycleOrchestrations
{
    public async Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(request.InstanceId, cancellationToken) is not null)
        {
            return false;
        }

        var options = new StartOrchestrationOptions(request.InstanceId)
            .WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        // A start racing this one makes the engine throw (dedupe hit) rather than run twice; the timer trigger is a
        // singleton, so only two manual starts at the same moment can meet here.
        await client.ScheduleNewOrchestrationInstanceAsync(CloseCycleOrchestration.Name, request, options, cancellationToken);
        return true;
    }
}
