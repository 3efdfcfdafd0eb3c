using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Webhook deliveries counted in their payloads' transaction (<see cref="TableRawArchive.ArchiveCountedAsync"/>), on Azurite:
/// the counters sum them exactly with the intake's and rating's own rows, a transaction stored with its answer lost is read back and
/// acknowledged, a refused one stores neither payloads nor counts, and through the intake (rating message put, then payload and counts)
/// a failure between the two steps counts only what was acknowledged while every acknowledged payload reads back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRawArchiveCountsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly LocalDate Day = new(2026, 5, 4);
    private static readonly IngestCounts OneAccepted = new(Received: 1, Accepted: 1, Queued: 1, Components: 1);

    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private readonly BatchFaults faults = new();
    private TableIngestCounters counters = null!;
    private BlobRawArchive earlier = null!;

    public async Task InitializeAsync()
    {
        earlier = await blobs.ReadyAsync(new BlobRawArchive(blobs, new FixedClock(Now), maxPayloadsPerGroup: 1));
        counters = new TableIngestCounters(tables);
        await tables.ReadyAsync(new TableRawArchive(tables, earlier, new FixedClock(Now), maxPayloadsPerGroup: 8));
    }

    public async Task DisposeAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Fact]
    public async Task ArchiveCountedAsync_ConcurrentDeliveries_CountsSumExactlyWithTheCountersOwnRows()
    {
        var archive = new TableRawArchive(tables, earlier, new FixedClock(Now), maxPayloadsPerGroup: 8);
        var other = new TableRawArchive(tables, earlier, new FixedClock(Now), maxPayloadsPerGroup: 8); // a second instance

        var written = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 4 == 0 ? other : archive).ArchiveCountedAsync("retell", Day, $"call-{i}.json", Body(i), "application/json", OneAccepted, default))));
        await archive.ArchiveCountedAsync("vapi", Day, "v.json", Body(99), "application/json", new IngestCounts(Received: 1, Ignored: 1), default);
        await counters.AddAsync("retell", Day, new IngestCounts(Received: 1, Rejected: 1), default); // a forged delivery: nothing archived
        await counters.AddAsync("retell", Day, new IngestCounts(Rated: 37, Duplicates: 3), default);

        written.ShouldAllBe(w => w.Counted);
        Sum(await counters.ListAsync("retell", Day, Day, default)).ShouldBe(
            new IngestCounts(Received: 41, Accepted: 40, Rejected: 1, Queued: 40, Rated: 37, Duplicates: 3, Components: 40));
        Sum(await counters.ListAsync(null, Day, Day, default)).ShouldBe(
            new IngestCounts(Received: 42, Accepted: 40, Ignored: 1, Rejected: 1, Queued: 40, Rated: 37, Duplicates: 3, Components: 40));
        (await counters.ListAsync("retell", Day.PlusDays(1), Day.PlusDays(1), default)).ShouldBeEmpty();
        (await ListAsync(archive, "retell")).Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, 40).Select(i => $"call-{i}.json").Order(StringComparer.Ordinal)); // the counts rows are no payloads
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(2, false)]
    [InlineData(1, false)]
    public async Task ArchiveCountedAsync_TransactionFailsMidway_CountsExactlyTheAcknowledgedPayloads(int failAt, bool delivered)
    {
        var archive = Faulty();
        faults.Arm(failAt, delivered);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await archive.ArchiveCountedAsync("retell", Day, $"call-{i}.json", Body(i), "application/json", OneAccepted, default)).ArchivedAs;
            }
            catch (RequestFailedException)
            {
                return null;
            }
        })));
        var after = await archive.ArchiveCountedAsync("retell", Day, "after.json", Body(98), "application/json", OneAccepted, default);

        faults.Failed.ShouldBe(1);
        var acknowledged = outcomes.Where(o => o is not null).Select(o => o!).Append(after.ArchivedAs).ToList();
        var listed = await ListAsync(archive, "retell");
        // A transaction stored with its answer lost was read back: its deliveries were acknowledged. A refused one stored nothing.
        listed.Select(p => p.ArchivedAs).Order(StringComparer.Ordinal).ShouldBe(acknowledged.Order(StringComparer.Ordinal));
        (acknowledged.Count == 31).ShouldBe(delivered);
        var counted = Sum(await counters.ListAsync("retell", Day, Day, default));
        counted.ShouldBe(new IngestCounts(Received: acknowledged.Count, Accepted: acknowledged.Count, Queued: acknowledged.Count, Components: acknowledged.Count));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public async Task ReceiveAsync_ArchiveFailsAfterThePut_CountsOnlyAcknowledgedDeliveriesAndArchivesEach(int failAt, bool delivered)
    {
        var queue = new RecordingQueue();
        var clock = new FixedClock(Now);
        var intake = new WebhookIntake<UsageEventsWebhook>(new UsageEventsWebhook(new UsageEventsOptions("k")), WebhookTolerance.Default, PhoneRegion.Default,
            Faulty(), new WebhookHandoff(queue, counters, new WebhookGrouping(8, TimeSpan.FromMilliseconds(20), 100)), clock);
        faults.Arm(failAt, delivered);

        var waiting = Enumerable.Range(0, 24).ToList();
        var failedInFirstRound = 0;
        var acknowledged = new List<int>();
        for (var round = 0; waiting.Count > 0; round++)
        {
            round.ShouldBeLessThan(3); // the vendor redelivers what was not acknowledged; one failure leaves one round to redeliver at most
            var outcomes = await Task.WhenAll(waiting.Select(i => Task.Run(async () =>
            {
                try
                {
                    return (await intake.ReceiveAsync(Signed(i), default)).Succeeded;
                }
                catch (RequestFailedException)
                {
                    return false; // answered 500: the vendor redelivers
                }
            })));
            acknowledged.AddRange(waiting.Where((_, k) => outcomes[k]));
            waiting = [.. waiting.Where((_, k) => !outcomes[k])];
            failedInFirstRound = round == 0 ? waiting.Count : failedInFirstRound;
        }

        (await intake.ReceiveAsync(Signed(0) with { Headers = new Dictionary<string, string> { [UsageEventsWebhook.SignatureHeader] = "forged" } }, default))
            .Succeeded.ShouldBeFalse();

        faults.Failed.ShouldBe(1);
        acknowledged.Order().ShouldBe(Enumerable.Range(0, 24));
        var counted = Sum(await counters.ListAsync(UsageEventsWebhook.Source, Day, Day, default));
        counted.ShouldBe(new IngestCounts(Received: 25, Accepted: 24, Rejected: 1, Queued: 24, Components: 24)); // each once, the forged one too
        var listed = await ListAsync(Faulty(), UsageEventsWebhook.Source);
        listed.Count.ShouldBe(24); // a lost answer was read back and acknowledged; a refused write stored nothing, its redelivery did
        listed.Select(p => p.Content.ToArray()).ShouldBe(Enumerable.Range(0, 24).Select(Body), ignoreOrder: true);
        // Every delivery's events were queued; a delivery whose archive write failed was queued again by its redelivery.
        queue.EventIds.Distinct().Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, 24).Select(i => $"{UsageEventsWebhook.Source}-{CallId(i)}").Order(StringComparer.Ordinal));
        failedInFirstRound.ShouldBeInRange(delivered ? 0 : 1, delivered ? 0 : 8);
        queue.EventIds.Count.ShouldBe(24 + failedInFirstRound);
    }

    private TableRawArchive Faulty()
    {
        var options = new TableClientOptions();
        options.AddPolicy(faults, HttpPipelinePosition.PerCall);
        return new TableRawArchive(tables.With(options), earlier, new FixedClock(Now), maxPayloadsPerGroup: 8);
    }

    private static async Task<List<ArchivedPayload>> ListAsync(TableRawArchive archive, string source)
    {
        var listed = new List<ArchivedPayload>();
        await foreach (var payload in archive.ListAsync(source, Day, default))
        {
            listed.Add(payload);
        }

        return listed;
    }

    private static IngestCounts Sum(IEnumerable<IngestCounter> parts) => parts.Aggregate(IngestCounts.None, (sum, c) => sum.Plus(c.Counts));

    private static string CallId(int i) => $"counted-{i}";

    private static byte[] Body(int i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"{{CallId(i)}}","startedAt":"2026-05-04T08:00:00Z","durationSeconds":{{5 + i}},"direction":"inbound","from":"+13125550142","to":"+18885550100","component":"Telephony"}"""));

    private static WebhookDelivery Signed(int i)
    {
        var body = Body(i);
        var (timestamp, signature) = UsageEventsWebhook.Sign("k", body, Now.ToUnixTimeSeconds());
        return new WebhookDelivery(body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [UsageEventsWebhook.TimestampHeader] = timestamp,
            [UsageEventsWebhook.SignatureHeader] = signature,
        });
    }

    private sealed class RecordingQueue : IRatingQueue
    {
        private readonly List<string> eventIds = [];

        public List<string> EventIds
        {
            get
            {
                lock (eventIds)
                {
                    return [.. eventIds];
                }
            }
        }

        public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
        {
            lock (eventIds)
            {
                eventIds.AddRange(message.Events.Select(e => e.EventId));
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Fails the armed entity group transaction (counting from one) once: sent and its answer lost, or refused before it leaves.
    /// Reads and every other write pass, so the archive can read its counts row back.</summary>
    private sealed class BatchFaults : HttpPipelinePolicy
    {
        private int batches;
        private int failAt;
        private bool delivered;
        private int failed;

        public int Failed => Volatile.Read(ref failed);

        public void Arm(int at, bool reachesStorage) => (batches, failAt, delivered, failed) = (0, at, reachesStorage, 0);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || Interlocked.Increment(ref batches) != failAt)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            Interlocked.Increment(ref failed);
            if (delivered)
            {
                await ProcessNextAsync(message, pipeline);
            }

            throw new RequestFailedException(503, delivered ? "The answer was lost." : "The transaction never left.");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
