using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>Schedules <see cref="CloseCycleOrchestration"/> under the close's deterministic instance id, once (a ledger row
/// whose start crashed before scheduling is scheduled now).</summary>
/// <remarks>A start racing this one makes the engine throw (dedupe hit) rather than run twice; the timer trigger is a
/// singleton, so only two manual starts at the same moment can meet here.</remarks>
public sealed class DurableCycleOrchestrations(DurableTaskClient client) : ICycleOrchestrations
{
    public Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken) =>
        client.ScheduleOnceAsync(CloseCycleOrchestration.Name, CloseCycleInput.Current(request), request.InstanceId, cancellationToken);
}
