using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of new rows into one partition: rows that arrive while a transaction is in flight go together in the next.</summary>
/// <remarks>
/// Whoever holds the gate waits up to the group window for more rows unless the group is already full, then inserts everything queued
/// (up to the group's limits) in one entity group transaction and completes each row with its name; a caller returns only once the
/// transaction carrying its row succeeded. The transaction is atomic, so a failure fails every row in it and stores none of them.
/// </remarks>
internal sealed class TableRowGroups(TableClient table, int maxRowsPerGroup, TimeSpan groupWindow)
{
    /// <summary>Content bytes one transaction carries: the service takes 4 MiB a request, and binary columns travel as Base64.</summary>
    public const int MaxGroupBytes = 2 * 1024 * 1024;

    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <returns><paramref name="name"/>, once the row is durable.</returns>
    public async Task<string> WriteAsync(TableEntity row, int bytes, string name, CancellationToken cancellationToken)
    {
        var pending = new Pending(row, bytes, name);
        queue.Enqueue(pending);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The window counts from the oldest waiting arrival: those that queued behind the previous write have waited already.
            var left = queue.TryPeek(out var oldest) ? groupWindow - Stopwatch.GetElapsedTime(oldest.Arrived) : TimeSpan.Zero;
            if (!pending.Done.Task.IsCompleted && left > TimeSpan.Zero && queue.Count < maxRowsPerGroup)
            {
                // The system timer, not the host's clock: a host running on a test clock must still answer its deliveries.
                await Task.Delay(left, CancellationToken.None);
            }

            while (!pending.Done.Task.IsCompleted)
            {
                // Not the caller's token: the group carries other callers' rows too.
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
        while (group.Count < maxRowsPerGroup && queue.TryPeek(out var next) && (group.Count == 0 || bytes + next.Bytes <= MaxGroupBytes))
        {
            queue.TryDequeue(out _);
            group.Add(next);
            bytes += next.Bytes;
        }

        try
        {
            if (group.Count == 1)
            {
                await table.AddEntityAsync(group[0].Row, cancellationToken);
            }
            else
            {
                await table.SubmitTransactionAsync(group.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Row)), cancellationToken);
            }

            foreach (var pending in group)
            {
                pending.Done.TrySetResult(pending.Name);
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

    private sealed class Pending(TableEntity row, int bytes, string name)
    {
        public TableEntity Row { get; } = row;

        public int Bytes { get; } = bytes;

        public string Name { get; } = name;

        /// <summary>When it was queued (a <see cref="Stopwatch"/> timestamp), for the group window.</summary>
        public long Arrived { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
