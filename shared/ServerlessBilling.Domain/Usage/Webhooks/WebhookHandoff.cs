using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Hands verified webhook deliveries to rating and their counts to the day's counters, group-committed: the deliveries
/// of one UTC day that arrive together share one rating message and one counter increment per source.</summary>
/// <remarks>
/// <para>Whoever holds a day's gate waits up to <see cref="WebhookGrouping.Window"/> for more deliveries unless the group is already
/// full, then puts one message carrying every waiting delivery's events (up to the grouping's limits and the queue's message size)
/// and adds each source's summed counts in one increment. A delivery returns only once the put carrying its events and the
/// increment carrying its counts succeeded, so nothing acknowledged is lost. A failed put fails every delivery whose events it
/// carried and counts none of them (the vendor redelivers; event identities make the second delivery harmless, as when a put
/// succeeded but its answer was lost); a failed increment fails the deliveries it counted, as a failed count did before grouping.</para>
/// <para>Rating then pays its per-message costs (receive, delete, counter, one claims transaction per identity bucket, one usage
/// transaction per account period) once per group instead of once per delivery. At low traffic a delivery waits the window and
/// goes alone; <see cref="WebhookGrouping.OneAtATime"/> puts every delivery alone at once, as before grouping.</para>
/// </remarks>
public sealed class WebhookHandoff(IRatingQueue ratingQueue, IIngestCounters counters, WebhookGrouping grouping)
{
    private readonly ConcurrentDictionary<LocalDate, Lane> lanes = new();

    /// <summary>The days with deliveries waiting or being committed: a lane is retired once its last delivery has returned, so a
    /// long-running host keeps none for the days gone by.</summary>
    public int OpenLanes => lanes.Count;

    /// <summary>Queues <paramref name="events"/> (none for a refused or ignored delivery) for rating and adds <paramref name="counts"/>
    /// to the source's day; returns once both are durable, with the other deliveries of its group.</summary>
    public async Task HandOffAsync(string source, LocalDate day, IReadOnlyList<UsageEvent> events, IngestCounts counts, CancellationToken cancellationToken)
    {
        var bytes = events.Count == 0 ? 0 : JsonSerializer.SerializeToUtf8Bytes(events, BillingJson.Options).Length;
        var pending = new Pending(source, events, counts, bytes);
        Lane lane;
        while (true)
        {
            lane = lanes.GetOrAdd(day, d => new Lane(ratingQueue, counters, grouping, d));
            if (lane.TryEnter())
            {
                break;
            }

            // Retired between the lookup and the entry: its remover is taking it out of the map, so look again.
            lanes.TryRemove(KeyValuePair.Create(day, lane));
        }

        try
        {
            await lane.HandOffAsync(pending, cancellationToken);
        }
        finally
        {
            if (lane.Leave())
            {
                lanes.TryRemove(KeyValuePair.Create(day, lane));
            }
        }
    }

    /// <summary>One day's deliveries: a queue of those waiting and the gate its group's leader holds.</summary>
    private sealed class Lane(IRatingQueue ratingQueue, IIngestCounters counters, WebhookGrouping grouping, LocalDate day)
    {
        private readonly ConcurrentQueue<Pending> queue = new();
        private readonly SemaphoreSlim gate = new(1, 1);
        private TaskCompletionSource filled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Deliveries inside the lane; -1 once retired, after which none may enter (it is no longer the day's lane).</summary>
        private int users;

        public bool TryEnter()
        {
            for (var seen = Volatile.Read(ref users); seen >= 0; seen = Volatile.Read(ref users))
            {
                if (Interlocked.CompareExchange(ref users, seen + 1, seen) == seen)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when this was the last delivery inside: the lane is then retired and its caller removes it from the map.</summary>
        public bool Leave() => Interlocked.Decrement(ref users) == 0 && Interlocked.CompareExchange(ref users, -1, 0) == 0;

        public async Task HandOffAsync(Pending pending, CancellationToken cancellationToken)
        {
            queue.Enqueue(pending);
            if (queue.Count >= grouping.MaxDeliveries)
            {
                Volatile.Read(ref filled).TrySetResult(); // a full group need not wait out the window
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                // The window counts from the oldest waiting delivery's arrival: deliveries that queued while the previous group was
                // being written have waited already, and under load a second full window would only add to every acknowledgement.
                var left = queue.TryPeek(out var oldest) ? grouping.Window - Stopwatch.GetElapsedTime(oldest.Arrived) : TimeSpan.Zero;
                if (!pending.Done.Task.IsCompleted && left > TimeSpan.Zero)
                {
                    // Armed before the count is read: a delivery that fills the group after that read completes this signal.
                    var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Volatile.Write(ref filled, full);
                    if (queue.Count < grouping.MaxDeliveries)
                    {
                        // The system timer, not the intake's clock: a host running on a test clock must still answer its deliveries.
                        await Task.WhenAny(Task.Delay(left, CancellationToken.None), full.Task);
                    }
                }

                while (!pending.Done.Task.IsCompleted)
                {
                    // Not the caller's token: the group carries other callers' deliveries too.
                    await CommitNextGroupAsync(CancellationToken.None);
                }
            }
            finally
            {
                gate.Release();
            }

            await pending.Done.Task;
        }

        private async Task CommitNextGroupAsync(CancellationToken cancellationToken)
        {
            var group = NextGroup();
            var events = group.SelectMany(p => p.Events).ToList();
            var counted = group;
            if (events.Count > 0)
            {
                try
                {
                    await ratingQueue.EnqueueAsync(new RatingMessage(events, ReceivedOn: day), cancellationToken);
                }
                catch (Exception failure)
                {
                    foreach (var pending in group.Where(p => p.Events.Count > 0))
                    {
                        pending.Done.TrySetException(failure);
                    }

                    counted = [.. group.Where(p => p.Events.Count == 0)];
                }
            }

            foreach (var bySource in counted.GroupBy(p => p.Source, StringComparer.Ordinal))
            {
                try
                {
                    var sum = bySource.Aggregate(IngestCounts.None, (total, p) => total.Plus(p.Counts));
                    if (!sum.IsNone)
                    {
                        await counters.AddAsync(bySource.Key, day, sum, cancellationToken); // none when the archive counts them
                    }
                    foreach (var pending in bySource)
                    {
                        pending.Done.TrySetResult();
                    }
                }
                catch (Exception failure)
                {
                    foreach (var pending in bySource)
                    {
                        pending.Done.TrySetException(failure);
                    }
                }
            }
        }

        /// <summary>The waiting deliveries, oldest first, up to the grouping's limits; the first is taken whatever its size.</summary>
        private List<Pending> NextGroup()
        {
            var group = new List<Pending>();
            int events = 0, bytes = 0;
            while (group.Count < grouping.MaxDeliveries && queue.TryPeek(out var next)
                && (group.Count == 0 || (events + next.Events.Count <= grouping.MaxEventsPerMessage && bytes + next.Bytes <= WebhookGrouping.MaxEventBytes)))
            {
                queue.TryDequeue(out _);
                group.Add(next);
                events += next.Events.Count;
                bytes += next.Bytes;
            }

            return group;
        }
    }

    private sealed class Pending(string source, IReadOnlyList<UsageEvent> events, IngestCounts counts, int bytes)
    {
        public string Source { get; } = source;

        public IReadOnlyList<UsageEvent> Events { get; } = events;

        public IngestCounts Counts { get; } = counts;

        /// <summary>The events' JSON size, to keep a group's message under the queue's limit.</summary>
        public int Bytes { get; } = bytes;

        /// <summary>When it was queued (a <see cref="Stopwatch"/> timestamp), for the group window.</summary>
        public long Arrived { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
