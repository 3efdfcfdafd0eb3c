namespace ServerlessBilling.Rating;

/// <summary>Writes the billed calls of messages rated at the same time together: while one gathered write is in flight, the calls
/// of the messages that reach it wait, and go as the next write, one call set, so their claims share identity-bucket transactions and
/// their usage rows share account-period transactions.</summary>
/// <remarks>
/// <para>A webhook message holds the deliveries one acknowledgement group carried, about twenty events at 500 deliveries/s on the build
/// machine; among 100 accounts and 16 identity buckets that is one usage row and one or two claims a transaction, so rating sent one
/// storage request an event, many times the intake's own, and an acknowledgement's write queued behind them on the same store
/// (docs/performance.md, "What rating sends while deliveries wait"). Gathered, the messages that arrive during a write share its
/// transactions: no delay is added, the gathering is the time the write in flight takes.</para>
/// <para>Each message keeps its own outcomes, in order, and its own exactly-once rules: every call keeps its delivery name, and an
/// identity named by two gathered messages is recorded first in one and found claimed by the other, as two messages rated at once would
/// (<see cref="UsageRecording.RecordAllAsync"/>). A gathered write that fails is not the failure of every message in it: each message
/// whose rating was not cancelled writes its calls again on its own, so a message that cannot be written fails alone and is retried
/// alone (what the failed write did is found again as its own claims, as a retried message finds them).</para>
/// <para>A call set of <see cref="AloneFrom"/> calls or more (a saved CDR window) is written on its own: it fills its transactions
/// already, and gathering it would hold its calls and others' in memory together.</para>
/// </remarks>
/// <param name="write">Writes one call set (<see cref="UsageRecording"/>'s batched write).</param>
public sealed class CallGathering(Func<IReadOnlyList<PricedCall>, CancellationToken, Task<IReadOnlyList<EventOutcome>>> write)
{
    /// <summary>Call sets this large or larger are written on their own.</summary>
    public const int AloneFrom = 1_000;

    /// <summary>The most calls one gathered write takes; what is left waits for the next.</summary>
    public const int MostCalls = 2_000;

    private readonly Lock gate = new();
    private readonly Queue<Waiting> waiting = new();
    private bool writing;
    private long sets, writes;

    /// <summary>Call sets written so far, and the writes they went in (both counted from the start of the process).</summary>
    public (long Sets, long Writes) Gathered => (Interlocked.Read(ref sets), Interlocked.Read(ref writes));

    /// <summary>Writes <paramref name="calls"/> with the call sets of other messages that wait at the same time.</summary>
    /// <returns>Each call's outcome, in order.</returns>
    public async Task<IReadOnlyList<EventOutcome>> WriteAsync(IReadOnlyList<PricedCall> calls, CancellationToken cancellationToken)
    {
        if (calls.Count is 0 or >= AloneFrom)
        {
            return await write(calls, cancellationToken);
        }

        var mine = new Waiting(calls, cancellationToken);
        bool start;
        lock (gate)
        {
            waiting.Enqueue(mine);
            start = !writing;
            writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
        }

        // Null: the gathered write failed; this message's calls are written on their own (see remarks).
        return await mine.Done.Task.WaitAsync(cancellationToken) ?? await write(calls, cancellationToken);
    }

    /// <summary>Writes what waits, gathered, until nothing does.</summary>
    private async Task WriteWhileWaitingAsync()
    {
        while (true)
        {
            var taken = new List<Waiting>();
            lock (gate)
            {
                var count = 0;
                while (waiting.TryPeek(out var next) && (taken.Count == 0 || count + next.Calls.Count <= MostCalls))
                {
                    taken.Add(waiting.Dequeue());
                    count += next.Calls.Count;
                }

                if (taken.Count == 0)
                {
                    writing = false;
                    return;
                }
            }

            await WriteTogetherAsync(taken);
        }
    }

    private async Task WriteTogetherAsync(List<Waiting> taken)
    {
        // Cancelled ones are not written: their messages are retried.
        var live = taken.Where(w => !w.CancellationToken.IsCancellationRequested).ToList();
        foreach (var gone in taken.Except(live))
        {
            gone.Done.TrySetCanceled(gone.CancellationToken);
        }

        if (live.Count == 0)
        {
            return;
        }

        Interlocked.Add(ref sets, live.Count);
        Interlocked.Increment(ref writes);
        try
        {
            var outcomes = await write([.. live.SelectMany(w => w.Calls)], live[0].CancellationToken);
            var at = 0;
            foreach (var one in live)
            {
                one.Done.TrySetResult([.. outcomes.Skip(at).Take(one.Calls.Count)]);
                at += one.Calls.Count;
            }
        }
        catch (Exception e) when (live.Count == 1)
        {
            live[0].Done.TrySetException(e);
        }
        catch (Exception)
        {
            foreach (var one in live)
            {
                one.Done.TrySetResult(null);
            }
        }
    }

    private sealed record Waiting(IReadOnlyList<PricedCall> Calls, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<IReadOnlyList<EventOutcome>?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
