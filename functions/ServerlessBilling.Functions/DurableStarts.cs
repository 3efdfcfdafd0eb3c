using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessBilling.Functions;

/// <summary>Starts an orchestration under a deterministic instance id, once.</summary>
/// <remarks>
/// The existence check covers a start that crashed after its caller recorded it; the dedupe statuses make the engine
/// refuse a second instance with the same id instead of re-running a completed or failed one (it throws then).
/// </remarks>
public static class DurableStarts
{
    /// <returns>False when an instance with the id exists (running or ended): nothing was scheduled.</returns>
    public static async Task<bool> ScheduleOnceAsync<TInput>(
        this DurableTaskClient client, string orchestratorName, TInput input, string instanceId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return false;
        }

        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
        return true;
    }
}
