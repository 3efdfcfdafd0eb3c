using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServerlessBilling.Storage;

/// <summary>Group commit: items that arrive while a write is in flight go together in the next one.</summary>
/// <remarks>
/// Whoever holds the gate waits up to the group window for more items unless the group is already full, then writes everything
/// queued (up to the group's count and bytes) in one request and completes each item with what the write answered for it; a
/// caller returns only once the write carrying its item succeeded, so whatever it is handed is durable. A failed write fails every
/// item in it and none is acknowledged.
/// </remarks>
internal abstract class GroupCommit<TItem>(int maxItemsPerGroup, int maxGroupBytes, TimeSpan groupWindow)
{
    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The bytes an item adds to its group's request.</summary>
    protected abstract int BytesOf(TItem item);

    /// <summary>Writes one group in one request; returns, in the group's order, what each item's caller is answered.</summary>
    protected abstract Task<IReadOnlyList<string>> WriteGroupAsync(IReadOnlyList<TItem> group, CancellationToken cancellationToken);

    /// <returns>What the write carrying <paramref name="item"/> answered for it, once that write succeeded.</returns>
    protected async Task<string> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        queue.Enqueue(pending);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The window counts from the oldest waiting arrival: those that queued behind the previous write have waited already.
            var left = queue.TryPeek(out var oldest) ? groupWindow - Stopwatch.GetElapsedTime(oldest.Arrived) : TimeSpan.Zero;
            if (!pending.Done.Task.IsCompleted && left > TimeSpan.Zero && queue.Count < maxItemsPerGroup)
            {
                // The system timer, not the host's clock: a host running on a test clock must still answer its deliveries.
                await Task.Delay(left, CancellationToken.None);
            }

            while (!pending.Done.Task.IsCompleted)
            {
                // Not the caller's token: the group carries other callers' items too.
                await CommitNextGroupAsync(CancellationToken.None);
            }
        }
        finally
        {
            gate.Release();
        }

        return await pending.Done.Task;
    }

    private async Task CommitNextGroupAsync(CancellationToken cancellationToken)
    {
        var group = new List<Pending>();
        var bytes = 0;
        while (group.Count < maxItemsPerGroup && queue.TryPeek(out var next) && (group.Count == 0 || bytes + BytesOf(next.Item) <= maxGroupBytes))
        {
            queue.TryDequeue(out _);
            group.Add(next);
            bytes += BytesOf(next.Item);
        }

        try
        {
            var answers = await WriteGroupAsync([.. group.Select(p => p.Item)], cancellationToken);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(answers[i]);
            }
        }
        catch (Exception failure)
        {
            foreach (var pending in group)
            {
                pending.Done.TrySetException(failure);
            }
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        /// <summary>When it was queued (a <see cref="Stopwatch"/> timestamp), for the group window.</summary>
        public long Arrived { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
