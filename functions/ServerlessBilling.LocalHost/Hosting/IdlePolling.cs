namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>How long one of the local host's listeners waits before it looks at its queue or container again: the poll interval
/// while its looks find work, doubling with each look in a row that finds nothing, up to a maximum, as the Functions host's queue
/// trigger backs off an empty queue (there up to <c>maxPollingInterval</c>, one minute by default).</summary>
/// <remarks>
/// An idle listener then costs a few storage requests a minute instead of two a second, paid by every run of the host whatever it
/// does (a close, for one, puts nothing on these queues). Work this process puts there itself does not wait out the back-off: the
/// adapter that put it calls <see cref="Wake"/> once the put succeeded, which ends the wait once the poll interval has passed; a
/// wake that comes while the listener is looking is kept for its next wait, so none is lost. Work put by another process waits at
/// most the maximum.
/// </remarks>
public sealed class IdlePolling
{
    private readonly TimeSpan interval;
    private readonly TimeSpan maximum;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private TaskCompletionSource woken = NewSignal();
    private int emptyLooks;

    /// <param name="interval">The wait after a look that found work, and the first wait after one that did not.</param>
    /// <param name="maximum">The longest wait; an interval longer than it is kept as the wait.</param>
    /// <param name="time">The host's own timer (<see cref="TimeProvider.System"/>), not a test clock the app may run on; a fake in tests of the schedule.</param>
    public IdlePolling(TimeSpan interval, TimeSpan maximum, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.interval = interval;
        this.maximum = maximum < interval ? interval : maximum;
        this.time = time;
    }

    /// <summary>The wait before the next look: the interval, doubled for each empty look in a row after the first, at most the maximum.</summary>
    public TimeSpan NextWait
    {
        get
        {
            var doublings = Math.Max(Volatile.Read(ref emptyLooks) - 1, 0);
            var wait = interval;
            for (var i = 0; i < doublings && wait < maximum; i++)
            {
                wait *= 2;
            }

            return wait < maximum ? wait : maximum;
        }
    }

    /// <summary>The last look found work: the next wait is the interval again.</summary>
    public void Found() => Volatile.Write(ref emptyLooks, 0);

    /// <summary>The last look found nothing: the next wait doubles (from the second empty look in a row).</summary>
    public void Empty()
    {
        // Capped so a host idle for months never overflows; 64 doublings pass any maximum.
        if (Volatile.Read(ref emptyLooks) < 64)
        {
            Interlocked.Increment(ref emptyLooks);
        }
    }

    /// <summary>This process has just put work where the listener looks: its current or next wait ends once the poll interval has passed.</summary>
    public void Wake()
    {
        lock (gate)
        {
            woken.TrySetResult();
        }
    }

    /// <summary>Waits <see cref="NextWait"/>, or less when woken (but at least the poll interval) or when <paramref name="orUntil"/>
    /// (a slot freeing) completes first.</summary>
    /// <remarks>A wake cuts a backed-off wait down to the poll interval, never below it: in a busy spell the puts that follow one
    /// another are still received together, one look a poll interval, as before the back-off (a look a put would ask more of the
    /// store than the puts themselves).</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitAsync(Task? orUntil, CancellationToken cancellationToken)
    {
        Task wake;
        lock (gate)
        {
            wake = woken.Task;
        }

        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var full = Task.Delay(NextWait, time, stop.Token);
            var least = Task.Delay(interval, time, stop.Token);
            var first = await Task.WhenAny(orUntil is null ? [full, wake] : [full, wake, orUntil]);
            if (first == wake)
            {
                await Task.WhenAny(orUntil is null ? [full, least] : [full, least, orUntil]);
            }

            await stop.CancelAsync();
        }

        // The look that follows sees whatever the wake was for (it was raised after its put succeeded), so the wake is spent.
        lock (gate)
        {
            if (woken.Task.IsCompleted)
            {
                woken = NewSignal();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
