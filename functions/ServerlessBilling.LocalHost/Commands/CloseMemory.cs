using System.Diagnostics;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>The process's largest working set and GC heap while a close runs, sampled every 100 ms (the host runs in this process,
/// so its memory is the close's; Azurite runs in its own).</summary>
internal sealed class CloseMemory : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<(long WorkingSet, long Heap)> sampling;

    private CloseMemory() => sampling = Task.Run(() => SampleAsync(stop.Token));

    public static CloseMemory Sample() => new();

    /// <returns>The peaks seen since <see cref="Sample"/>, in bytes.</returns>
    public async Task<(long WorkingSet, long Heap)> StopAsync()
    {
        await stop.CancelAsync();
        return await sampling;
    }

    public void Dispose() => stop.Dispose();

    private static async Task<(long, long)> SampleAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        long workingSet = 0, heap = 0;
        while (true)
        {
            process.Refresh();
            workingSet = Math.Max(workingSet, process.WorkingSet64);
            heap = Math.Max(heap, GC.GetTotalMemory(forceFullCollection: false));
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return (workingSet, heap);
            }
        }
    }
}
