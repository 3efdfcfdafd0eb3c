using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessBilling.Functions;

/// <summary>Starts an orchestration under a deterministic instance id, once; and starts a failed one again under the same id.</summary>
/// <remarks>
/// The dedupe statuses make the engine refuse a second instance with the same id instead of re-running a completed or failed
/// one (it throws then), which also covers a start that crashed after its caller recorded it. The instance is looked up only
/// when the engine refused (or the call failed), not before every start: a read of the instance table per start is a storage
/// request a close and its collection would each pay for nothing.
/// </remarks>
public static class DurableStarts
{
    /// <returns>False when an instance with the id exists (running or ended): nothing was scheduled.</returns>
    public static async Task<bool> ScheduleOnceAsync<TInput>(
        this DurableTaskClient client, string orchestratorName, TInput input, string instanceId, CancellationToken cancellationToken)
    {
        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is OrchestrationAlreadyExistsException or InvalidOperationException or global::Grpc.Core.RpcException)
        {
            // Refused as a duplicate (the exception's type depends on the client), or failed: nothing was scheduled if the instance exists.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is null)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>Runs a failed instance again from its start, under its own id and with the input it was given.</summary>
    /// <remarks>
    /// Only a failed instance is replaced: the dedupe statuses name every other status, so of two retries racing each other
    /// the engine lets one through and refuses the other (which then answers <see cref="FailedRestart.NotFailed"/>), and
    /// an instance that completed or is running is never started twice. The orchestration's steps must be idempotent: the
    /// new run repeats the ones the failed run finished. <paramref name="renew"/> updates the input for the new run (which starts from an
    /// empty history, so it can take the orchestration's current sequence of steps).
    /// </remarks>
    public static async Task<FailedRestart> RestartFailedAsync<TInput>(
        this DurableTaskClient client, string orchestratorName, string instanceId, CancellationToken cancellationToken, Func<TInput, TInput>? renew = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return FailedRestart.NotFound;
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return FailedRestart.NotFailed;
        }

        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses.Where(s => s != OrchestrationRuntimeStatus.Failed)]);
        try
        {
            var input = instance.ReadInputAs<TInput>();
            await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, renew is null || input is null ? input : renew(input), options, cancellationToken);
            return FailedRestart.Restarted;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return FailedRestart.NotFailed;
        }
    }
}
