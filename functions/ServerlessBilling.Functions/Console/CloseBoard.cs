using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Cycles;

namespace ServerlessBilling.Functions.Console;

/// <summary>Closes in progress, held and failed, read from the durable engine's instance store as <see cref="HeldCycleCloses"/> reads
/// the held ones: the store is the record of closes, so nothing else is kept in step.</summary>
public static class CloseBoard
{
    /// <summary>The most closes listed per kind; a month-end run may have thousands in progress, and the dashboard needs the first few.</summary>
    public const int MaxRows = 50;

    /// <summary>How far back failed closes are listed, in days.</summary>
    public const int FailedDays = 35;

    private const string InstancePrefix = "cycle:";

    public static async Task<CloseBoardFigures> ReadAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (inProgress, held, failed) = (new List<CloseRow>(), new List<CloseRow>(), new List<CloseRow>());
        var running = new OrchestrationQuery
        {
            InstanceIdPrefix = InstancePrefix,
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in client.GetAllInstancesAsync(running).WithCancellation(cancellationToken))
        {
            var progress = CloseProgress.Of(instance);
            var into = progress?.AwaitingTaxData is null ? inProgress : held;
            if (into.Count < MaxRows)
            {
                into.Add(RowOf(instance, progress?.Stage ?? instance.RuntimeStatus.ToString().ToLowerInvariant()) with { Hold = progress?.AwaitingTaxData });
            }

            if (inProgress.Count >= MaxRows && held.Count >= MaxRows)
            {
                break;
            }
        }

        var failing = new OrchestrationQuery
        {
            InstanceIdPrefix = InstancePrefix,
            Statuses = [OrchestrationRuntimeStatus.Failed],
            CreatedFrom = now.AddDays(-FailedDays),
            FetchInputsAndOutputs = true, // the failure and the step it was at come with them
        };
        await foreach (var instance in client.GetAllInstancesAsync(failing).WithCancellation(cancellationToken))
        {
            failed.Add(RowOf(instance, "failed") with { Failure = CloseFailure.Of(instance) });
            if (failed.Count >= MaxRows)
            {
                break;
            }
        }

        return new CloseBoardFigures(
            [.. inProgress.OrderBy(r => r.Since)],
            [.. held.OrderBy(r => r.Since)],
            [.. failed.OrderByDescending(r => r.Since)],
            inProgress.Count >= MaxRows || held.Count >= MaxRows || failed.Count >= MaxRows);
    }

    /// <summary>The account and period of an instance id <c>cycle:{account}:{period start}</c>.</summary>
    private static CloseRow RowOf(OrchestrationMetadata instance, string stage)
    {
        var id = instance.InstanceId[InstancePrefix.Length..];
        var split = id.LastIndexOf(':');
        return new CloseRow(id[..split], id[(split + 1)..], stage, instance.CreatedAt);
    }
}
