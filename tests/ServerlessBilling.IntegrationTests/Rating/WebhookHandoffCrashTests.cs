using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using CsCheck;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Group-committed webhook deliveries when the rating queue fails mid-group, on Azurite: generated rounds of concurrent
/// deliveries (redeliveries of one call within and across rounds), each round with a put refused, a put stored whose answer is
/// lost, or none; the vendor redelivers whatever was not acknowledged, then the queue is rated as the listener rates it. Whatever the
/// schedule, every acknowledged call is billed, none twice, and the counters balance exactly.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookHandoffCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);
    private static readonly Instant CallStart = Instant.FromUtc(2026, 11, 10, 12, 0);
    private static readonly LocalDate Day = new(2026, 11, 20);

    private static readonly PricePlan Plan = new("handoff-plan", "Handoff", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerSecond)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private readonly QueueFailure failure = new();
    private readonly string queueName = "rating-" + Guid.NewGuid().ToString("N")[..12];
    private QueueClient queue = null!;
    private QueueRatingQueue ratingQueue = null!;
    private TableIngestCounters counters = null!;
    private TableUsageLedger ledger = null!;
    private TableAccountDirectory accounts = null!;
    private CountedUsageRating rating = null!;
    private int failedPutsSeen;
    private int redeliveriesSeen;

    /// <summary>What the next put of a round does.</summary>
    public enum PutFailure
    {
        None,
        Refused,
        StoredAnswerLost,
    }

    public async Task InitializeAsync()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.AddPolicy(failure, HttpPipelinePosition.PerCall);
        var queues = new RenamedQueues(azurite.ConnectionString, options, queueName);
        queue = queues.GetQueueClient(StorageNames.RatingQueue);
        await queue.CreateIfNotExistsAsync();
        ratingQueue = new QueueRatingQueue(queues);

        counters = new TableIngestCounters(tables);
        ledger = new TableUsageLedger(tables);
        var identities = new TableEventIdentities(tables);
        var quarantine = new TableQuarantine(tables, blobs);
        accounts = new TableAccountDirectory(tables, SystemClock.Instance);
        var plans = new TablePlanCatalog(tables);
        var cycles = new TableCycleLedger(tables);
        var fileRatings = new TableCdrFileRatings(tables);
        await tables.ReadyAsync(ledger);
        await blobs.ReadyAsync(quarantine);
        await plans.SetAsync(Plan, CancellationToken.None);
        var clock = new FixedClock(Now);
        var recording = new UsageRecording(identities, ledger, cycles, new LateUsagePlacement(cycles, ledger, clock, Duration.FromMinutes(60)), quarantine);
        rating = new CountedUsageRating(new UsageRating(accounts, plans, quarantine, recording, PlausibilityPolicy.Default, clock), counters, fileRatings, clock);
    }

    public async Task DisposeAsync()
    {
        await queue.DeleteIfExistsAsync();
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Fact]
    public async Task HandOffAsync_AnyScheduleOfFailingPuts_BillsEveryAcknowledgedCallOnceAndBalancesTheCounters()
    {
        var round = Gen.Select(Gen.Int[0, 7].Array[1, 10], Gen.Int[1, 3], Gen.Enum<PutFailure>());
        await round.Array[1, 4].SampleAsync(RunScheduleAsync, iter: 12, threads: 1, print: Print);

        failedPutsSeen.ShouldBeGreaterThan(0); // the schedules did fail puts, and their deliveries were redelivered
        redeliveriesSeen.ShouldBeGreaterThan(0);
    }

    private async Task RunScheduleAsync((int[] Calls, int FailingPut, PutFailure Failure)[] schedule)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var owner = new Account($"owner-{run}", "Owner", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await accounts.SetAsync(owner, CancellationToken.None);
        var source = $"events-{run}";
        var acknowledged = new List<int>();
        var waiting = new List<int>();
        var failedPuts = 0;
        foreach (var (calls, failingPut, putFailure) in schedule)
        {
            // The vendor redelivers what was not acknowledged beside this round's new deliveries; a new instance takes them.
            var deliveries = waiting.Concat(calls).ToList();
            failure.Arm(failingPut, putFailure);
            var outcomes = await DeliverAsync(new WebhookHandoff(ratingQueue, counters, new WebhookGrouping(4, TimeSpan.FromMilliseconds(150), 100)), owner, source, run, deliveries);
            failedPuts += failure.Disarm();
            acknowledged.AddRange(deliveries.Where((_, i) => outcomes[i]));
            waiting = [.. deliveries.Where((_, i) => !outcomes[i])];
            redeliveriesSeen += waiting.Count;
        }

        while (waiting.Count > 0)
        {
            var outcomes = await DeliverAsync(new WebhookHandoff(ratingQueue, counters, WebhookGrouping.OneAtATime), owner, source, run, waiting);
            outcomes.ShouldAllBe(ok => ok);
            acknowledged.AddRange(waiting);
            waiting = [];
        }

        failedPutsSeen += failedPuts;
        var queued = await RateQueueAsync();

        var distinct = acknowledged.Distinct().Order().ToList();
        var billed = await ledger.ListAsync(owner.Id, owner.Billing.PeriodContaining(CallStart), CancellationToken.None);
        billed.Select(b => b.Event.EventId).Order(StringComparer.Ordinal).ShouldBe(distinct.Select(c => CallId(run, c)).Order(StringComparer.Ordinal));
        billed.Sum(b => b.Charge.Amount.Amount).ShouldBe(distinct.Sum(c => Rater.Rate(Call(owner, source, run, c), Plan, DateTimeZone.Utc, NumberClassifier.Classify(Call(owner, source, run, c).To)).Value.Amount.Amount));

        var counted = (await counters.ListAsync(source, Day, Day, CancellationToken.None)).Aggregate(IngestCounts.None, (sum, c) => sum.Plus(c.Counts));
        counted.Received.ShouldBe(acknowledged.Count); // a refused put counts none of its deliveries; their redeliveries count
        counted.Accepted.ShouldBe(acknowledged.Count);
        counted.Rated.ShouldBe(distinct.Count);
        counted.Duplicates.ShouldBe(queued - distinct.Count); // what a lost answer stored is rated once more, as a duplicate
        queued.ShouldBeGreaterThanOrEqualTo(acknowledged.Count);
        queued.ShouldBeLessThanOrEqualTo(acknowledged.Count + failedPuts * 4);
    }

    private static async Task<bool[]> DeliverAsync(WebhookHandoff handoff, Account owner, string source, string run, IReadOnlyList<int> calls) =>
        await Task.WhenAll(calls.Select(call => Task.Run(async () =>
        {
            try
            {
                await handoff.HandOffAsync(source, Day, [Call(owner, source, run, call)], new IngestCounts(Received: 1, Accepted: 1, Queued: 1, Components: 1), CancellationToken.None);
                return true;
            }
            catch (RequestFailedException)
            {
                return false;
            }
        })));

    /// <summary>Rates every message on the queue as the listener does, then deletes it; returns the events the messages carried.</summary>
    private async Task<int> RateQueueAsync()
    {
        var events = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return events;
            }

            foreach (var message in messages)
            {
                RatingMessage.TryParse(message.MessageText, out var parsed, out _).ShouldBeTrue();
                parsed!.Events.Count.ShouldBeLessThanOrEqualTo(100);
                events += parsed.Events.Count;
                await rating.RateMessageAsync(message.MessageText, Instant.FromDateTimeOffset(message.InsertedOn!.Value), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    private static string CallId(string run, int call) => $"call-{run}-{call}";

    private static UsageEvent Call(Account owner, string source, string run, int call) =>
        new(CallId(run, call), source, CallId(run, call), CallStart, Seconds(call), CallDirection.Inbound,
            "+13035550900", "+17205550900", UsageComponent.Telephony, Answered: true, AccountId: owner.Id);

    private static int Seconds(int call) => 60 + (call * 7);

    private static string Print((int[] Calls, int FailingPut, PutFailure Failure)[] schedule) =>
        string.Join(" | ", schedule.Select(r => $"[{string.Join(",", r.Calls)}] put {r.FailingPut} {r.Failure}"));

    /// <summary>Fails the armed put of the round (counting puts from one): refused before it reaches storage, or stored with its answer lost.</summary>
    private sealed class QueueFailure : HttpPipelinePolicy
    {
        private int puts;
        private int failingPut;
        private int failed;
        private PutFailure mode;

        public void Arm(int put, PutFailure failure)
        {
            Interlocked.Exchange(ref puts, 0);
            Interlocked.Exchange(ref failed, 0);
            failingPut = put;
            mode = failure;
        }

        /// <returns>How many puts failed since armed.</returns>
        public int Disarm()
        {
            mode = PutFailure.None;
            return Interlocked.Exchange(ref failed, 0);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var put = message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal);
            if (!put || mode == PutFailure.None || Interlocked.Increment(ref puts) != failingPut)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            Interlocked.Increment(ref failed);
            if (mode == PutFailure.StoredAnswerLost)
            {
                await ProcessNextAsync(message, pipeline);
            }

            throw new RequestFailedException(503, "The queue is unreachable from this instance.");
        }
    }

    /// <summary>Azurite's queue service with the rating queue under this test's own name.</summary>
    private sealed class RenamedQueues(string connectionString, QueueClientOptions options, string name) : QueueServiceClient(connectionString, options)
    {
        public override QueueClient GetQueueClient(string queueName) => base.GetQueueClient(queueName == StorageNames.RatingQueue ? name : queueName);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
