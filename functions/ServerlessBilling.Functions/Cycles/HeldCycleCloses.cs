using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Functions.Cycles;

/// <summary>The closes waiting for tax data, found by asking the durable engine for running closes by their status, and
/// woken when a tax table is stored.</summary>
/// <remarks>
/// The engine's own instance store is the record of held closes: nothing else to keep in step, and a close that
/// finished or was purged simply stops being listed. A close still drafting is woken too, so an upload that lands
/// while a draft is being taxed is not missed; a close that does not end up waiting ignores the event. A close that
/// misses its wake-up anyway looks again after <see cref="ServerlessBilling.Tax.TaxDataOptions.RecheckEvery"/>.
/// </remarks>
public sealed class HeldCycleCloses(DurableTaskClient client)
{
    /// <summary>The external event a held close waits for.</summary>
    public const string TaxTablesChanged = nameof(TaxTablesChanged);

    private const string InstancePrefix = "cycle:";

    /// <summary>The running closes that wait for tax data, with what each is missing.</summary>
    public async Task<IReadOnlyList<HeldCycleClose>> ListAsync(CancellationToken cancellationToken)
    {
        var held = new List<HeldCycleClose>();
        await foreach (var (instance, progress) in RunningAsync(cancellationToken))
        {
            if (progress.AwaitingTaxData is { } hold)
            {
                held.Add(new HeldCycleClose(instance.InstanceId, hold));
            }
        }

        return held;
    }

    /// <summary>Tells every held (or still drafting) close that a tax table changed; returns how many were told.</summary>
    public async Task<int> WakeAsync(string table, CancellationToken cancellationToken)
    {
        var woken = 0;
        await foreach (var (instance, progress) in RunningAsync(cancellationToken))
        {
            if (progress.AwaitingTaxData is not null || progress.Stage == CloseProgress.Drafting)
            {
                await client.RaiseEventAsync(instance.InstanceId, TaxTablesChanged, table, cancellationToken);
                woken++;
            }
        }

        return woken;
    }

    private async IAsyncEnumerable<(OrchestrationMetadata Instance, CloseProgress Progress)> RunningAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = InstancePrefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (CloseProgress.Of(instance) is { } progress)
            {
                yield return (instance, progress);
            }
        }
    }
}
