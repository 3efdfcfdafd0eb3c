using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>Group commit of webhook deliveries: concurrent deliveries share a rating message and a counter increment, each returns
/// only after the writes carrying it, and a failed put fails exactly the deliveries it carried.</summary>
public class WebhookHandoffTests
{
    private static readonly LocalDate Day = new(2026, 5, 4);
    private static readonly Instant Start = Instant.FromUtc(2026, 5, 4, 9, 0);

    private readonly RecordingQueue queue = new();
    private readonly InMemoryIngestCounters counters = new();

    private static IngestCounts Accepted(int events) => new(Received: 1, Accepted: 1, Queued: events, Components: events);

    private static IReadOnlyList<UsageEvent> Events(string id, int count = 1) =>
        [.. Enumerable.Range(0, count).Select(i => TestPlans.Call($"{id}-{i}", Start, 60))];

    [Fact]
    public async Task HandOffAsync_ConcurrentDeliveries_ShareOneMessageAndOneIncrement()
    {
        var handoff = new WebhookHandoff(queue, counters, new WebhookGrouping(20, TimeSpan.FromSeconds(30), 100));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => handoff.HandOffAsync("events", Day, Events($"d{i}"), Accepted(1), default))));

        var message = queue.Messages.ShouldHaveSingleItem();
        message.ReceivedOn.ShouldBe(Day);
        message.Events.Select(e => e.EventId).Order().ShouldBe(Enumerable.Range(0, 20).Select(i => $"d{i}-0").Order());
        var increment = counters.Increments.ShouldHaveSingleItem();
        increment.Counts.ShouldBe(new IngestCounts(Received: 20, Accepted: 20, Queued: 20, Components: 20));
        increment.Day.ShouldBe(Day);
    }

    [Fact]
    public async Task HandOffAsync_OneAtATime_PutsAndCountsEachDeliveryAlone()
    {
        var handoff = new WebhookHandoff(queue, counters, WebhookGrouping.OneAtATime);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => handoff.HandOffAsync("events", Day, Events($"d{i}"), Accepted(1), default))));

        queue.Messages.Count.ShouldBe(12);
        queue.Messages.ShouldAllBe(m => m.Events.Count == 1);
        counters.Increments.Count.ShouldBe(12);
    }

    [Fact]
    public async Task HandOffAsync_ManyEvents_EachMessageStaysWithinTheEventCapAndTheQueuesSize()
    {
        var handoff = new WebhookHandoff(queue, counters, new WebhookGrouping(90, TimeSpan.FromSeconds(30), 100));

        await Task.WhenAll(Enumerable.Range(0, 90).Select(i => Task.Run(() => handoff.HandOffAsync("events", Day, Events($"d{i}", 3), Accepted(3), default))));

        queue.Messages.Sum(m => m.Events.Count).ShouldBe(270);
        queue.Messages.ShouldAllBe(m => m.Events.Count <= 100);
        queue.Messages.ShouldAllBe(m => m.ToJson().Length * 4 / 3 < 64 * 1024);
        queue.Messages.Count.ShouldBeGreaterThanOrEqualTo(3);
        counters.Of("events").ShouldBe(new IngestCounts(Received: 90, Accepted: 90, Queued: 270, Components: 270));
    }

    [Fact]
    public async Task HandOffAsync_PutFails_FailsEveryDeliveryItCarriedAndCountsOnlyThoseWithoutEvents()
    {
        queue.FailNext = true;
        var handoff = new WebhookHandoff(queue, counters, new WebhookGrouping(10, TimeSpan.FromSeconds(30), 100));
        var rejected = new IngestCounts(Received: 1, Rejected: 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await handoff.HandOffAsync("events", Day, i < 7 ? Events($"d{i}") : [], i < 7 ? Accepted(1) : rejected, default);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        })));

        outcomes.ShouldBe([false, false, false, false, false, false, false, true, true, true]);
        queue.Messages.ShouldBeEmpty();
        counters.Of("events").ShouldBe(new IngestCounts(Received: 3, Rejected: 3));

        await new WebhookHandoff(queue, counters, WebhookGrouping.OneAtATime).HandOffAsync("events", Day, Events("after"), Accepted(1), default);
        queue.Messages.ShouldHaveSingleItem().Events.ShouldHaveSingleItem().EventId.ShouldBe("after-0");
    }

    [Fact]
    public async Task HandOffAsync_TwoDaysAndTwoSources_OneMessagePerDayAndOneIncrementPerSourceAndDay()
    {
        var handoff = new WebhookHandoff(queue, counters, new WebhookGrouping(8, TimeSpan.FromSeconds(30), 100));
        var next = Day.PlusDays(1);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            handoff.HandOffAsync(i % 2 == 0 ? "events" : "retell", i < 8 ? Day : next, Events($"d{i}"), Accepted(1), default))));

        queue.Messages.Select(m => (m.ReceivedOn, m.Events.Count)).OrderBy(m => m.ReceivedOn).ShouldBe([(Day, 8), (next, 8)]);
        counters.Increments.Select(i => (i.Source, i.Day, i.Counts.Received)).Order().ShouldBe(
            [("events", Day, 4), ("events", next, 4), ("retell", Day, 4), ("retell", next, 4)]);
    }

    [Fact]
    public async Task HandOffAsync_DeliveryQueuedBehindASlowPutForTheWholeWindow_GoesAsSoonAsThePutEnds()
    {
        var window = TimeSpan.FromSeconds(3);
        var slow = new BlockingQueue();
        var handoff = new WebhookHandoff(slow, counters, new WebhookGrouping(2, window, 100));
        var first = Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => handoff.HandOffAsync("events", Day, Events($"d{i}"), Accepted(1), default))));
        await slow.Entered.Task; // the full group went at once and its put hangs

        var behind = handoff.HandOffAsync("events", Day, Events("d2"), Accepted(1), default);
        await Task.Delay(window + TimeSpan.FromMilliseconds(200));
        slow.Release.SetResult();
        await first;

        // It has waited its window behind the put already: no second window after it (well under 3 s on any machine).
        (await Task.WhenAny(behind, Task.Delay(window - TimeSpan.FromMilliseconds(500)))).ShouldBeSameAs(behind);
        slow.Messages.Select(m => m.Events.Count).ShouldBe([2, 1]);
    }

    [Fact]
    public async Task HandOffAsync_EveryDeliveryOfItsDaysReturned_RetiresTheLanes()
    {
        var handoff = new WebhookHandoff(queue, counters, new WebhookGrouping(8, TimeSpan.FromMilliseconds(5), 100));

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() =>
            handoff.HandOffAsync("events", Day.PlusDays(i % 30), Events($"d{i}"), Accepted(1), default))));

        handoff.OpenLanes.ShouldBe(0);
        queue.Messages.Sum(m => m.Events.Count).ShouldBe(300);
        queue.Messages.GroupBy(m => m.ReceivedOn).Select(g => g.Sum(m => m.Events.Count)).ShouldAllBe(n => n == 10);
        counters.Of("events").ShouldBe(new IngestCounts(Received: 300, Accepted: 300, Queued: 300, Components: 300));
    }

    [Fact]
    public async Task HandOffAsync_DeliveryWhileItsDaysPutHangs_KeepsTheLaneOpenThenRetiresIt()
    {
        var slow = new BlockingQueue();
        var handoff = new WebhookHandoff(slow, counters, new WebhookGrouping(1, TimeSpan.Zero, 100));
        var first = handoff.HandOffAsync("events", Day, Events("d0"), Accepted(1), default);
        await slow.Entered.Task;
        var behind = handoff.HandOffAsync("events", Day, Events("d1"), Accepted(1), default);

        handoff.OpenLanes.ShouldBe(1);
        slow.Release.SetResult();
        await Task.WhenAll(first, behind);

        handoff.OpenLanes.ShouldBe(0);
        slow.Messages.Select(m => m.Events.ShouldHaveSingleItem().EventId).ShouldBe(["d0-0", "d1-0"]);

        // The day's next delivery opens a new lane and goes as before.
        await handoff.HandOffAsync("events", Day, Events("d2"), Accepted(1), default);
        handoff.OpenLanes.ShouldBe(0);
        slow.Messages.Select(m => m.Events.ShouldHaveSingleItem().EventId).ShouldBe(["d0-0", "d1-0", "d2-0"]);
        counters.Of("events").ShouldBe(new IngestCounts(Received: 3, Accepted: 3, Queued: 3, Components: 3));
    }

    /// <summary>A queue whose first put hangs until released.</summary>
    private sealed class BlockingQueue : IRatingQueue
    {
        public List<RatingMessage> Messages { get; } = [];

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
        {
            if (Entered.TrySetResult())
            {
                await Release.Task;
            }

            lock (Messages)
            {
                Messages.Add(message);
            }
        }
    }

    private sealed class RecordingQueue : IRatingQueue
    {
        public List<RatingMessage> Messages { get; } = [];

        public bool FailNext { get; set; }

        public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
        {
            lock (Messages)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new IOException("The queue is unreachable.");
                }

                Messages.Add(message);
            }

            return Task.CompletedTask;
        }
    }
}
