using System.Text;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>The intake with an archive that counts deliveries in the payload's write: the events are queued first, then the payload and
/// the counts are written together; whichever step fails, the delivery is neither acknowledged nor counted.</summary>
public class WebhookIntakeCountedArchiveTests
{
    private const string Body = """{"id":"c-1","startedAt":"2023-11-14T22:00:00Z","durationSeconds":5,"direction":"inbound","from":"+13125550142","to":"+18885550100","component":"Telephony"}""";
    private static readonly LocalDate Day = new(2023, 11, 14);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly List<string> steps = [];
    private readonly InMemoryIngestCounters counters = new();
    private readonly WritePriority priority = new();

    [Fact]
    public async Task ReceiveAsync_Accepted_QueuesThenArchivesWithItsCountsAndNoIncrement()
    {
        var (intake, archive, _) = Intake();

        var outcome = await intake.ReceiveAsync(Signed(Body), CancellationToken.None);

        outcome.Verdict().ShouldBe(WebhookVerdict.Accepted);
        steps.ShouldBe(["put 1 event", "archive and count"]);
        archive.Names.ShouldBe([$"{UsageEventsWebhook.Source}/c-1-{Hash(Body)}.json"]);
        (await CountedAsync()).ShouldBe(new IngestCounts(Received: 1, Accepted: 1, Queued: 1, Components: 1));
    }

    [Fact]
    public async Task ReceiveAsync_PutFails_NeitherArchivesNorCounts()
    {
        var (intake, archive, queue) = Intake();
        queue.Fails = true;

        await Should.ThrowAsync<InvalidOperationException>(() => intake.ReceiveAsync(Signed(Body), CancellationToken.None));

        steps.ShouldBe(["put 1 event"]);
        archive.Names.ShouldBeEmpty();
        (await CountedAsync()).ShouldBe(IngestCounts.None);
    }

    [Fact]
    public async Task ReceiveAsync_ArchiveFailsAfterThePut_CountsNothingAndTheRedeliveryCountsOnce()
    {
        var (intake, archive, _) = Intake();
        archive.Fails = true;

        await Should.ThrowAsync<InvalidOperationException>(() => intake.ReceiveAsync(Signed(Body), CancellationToken.None));
        (await CountedAsync()).ShouldBe(IngestCounts.None);
        archive.Fails = false;
        var redelivered = await intake.ReceiveAsync(Signed(Body), CancellationToken.None);

        redelivered.Verdict().ShouldBe(WebhookVerdict.Accepted);
        steps.ShouldBe(["put 1 event", "archive and count", "put 1 event", "archive and count"]);
        archive.Names.Count.ShouldBe(1);
        (await CountedAsync()).ShouldBe(new IngestCounts(Received: 1, Accepted: 1, Queued: 1, Components: 1));
    }

    [Fact]
    public async Task ReceiveAsync_MalformedAndForged_ArchiveAndCountTheOneIncrementTheOther()
    {
        var (intake, archive, _) = Intake();

        var malformed = await intake.ReceiveAsync(Signed("""{"id":"c-2"}"""), CancellationToken.None);
        var forged = await intake.ReceiveAsync(WebhookHarness<UsageEventsWebhook>.Delivery(Body, (UsageEventsWebhook.SignatureHeader, "forged")), CancellationToken.None);

        malformed.Verdict().ShouldBe(WebhookVerdict.Invalid);
        forged.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        steps.ShouldBe(["archive and count"]); // nothing queued for either, and nothing stored for the forged one
        archive.Names.Count.ShouldBe(1);
        (await CountedAsync()).ShouldBe(new IngestCounts(Received: 2, Rejected: 2));
    }

    [Fact]
    public async Task ReceiveAsync_WhileItsWritesAreInFlight_MarksTheDeliveryWaitingForRatingToMakeWay()
    {
        var (intake, _, queue) = Intake();
        queue.Observe = () => priority.Waiting;

        await intake.ReceiveAsync(Signed(Body), CancellationToken.None);

        queue.Observed.ShouldBe([1]);
        priority.Waiting.ShouldBe(0);
    }

    private (WebhookIntake<UsageEventsWebhook> Intake, CountingArchive Archive, FailingQueue Queue) Intake()
    {
        var archive = new CountingArchive(new InMemoryArchive(clock), counters, steps);
        var queue = new FailingQueue(steps);
        var intake = new WebhookIntake<UsageEventsWebhook>(new UsageEventsWebhook(new UsageEventsOptions("k")), WebhookTolerance.Default, PhoneRegion.Default,
            archive, new WebhookHandoff(queue, counters, WebhookGrouping.OneAtATime), clock, priority);
        return (intake, archive, queue);
    }

    private async Task<IngestCounts> CountedAsync() =>
        (await counters.ListAsync(UsageEventsWebhook.Source, Day, Day, CancellationToken.None)).Aggregate(IngestCounts.None, (sum, c) => sum.Plus(c.Counts));

    private static WebhookDelivery Signed(string body)
    {
        var (timestamp, signature) = UsageEventsWebhook.Sign("k", Encoding.UTF8.GetBytes(body), 1_700_000_000);
        return WebhookHarness<UsageEventsWebhook>.Delivery(body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature));
    }

    private static string Hash(string body) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..12];

    /// <summary>An archive that adds the counts with the payload, as the table archive does in one transaction.</summary>
    private sealed class CountingArchive(InMemoryArchive payloads, IIngestCounters counters, List<string> steps) : IRawArchive
    {
        public bool Fails { get; set; }

        public List<string> Names => payloads.Names;

        public bool CountsDeliveries => true;

        public async Task<(string ArchivedAs, bool Counted)> ArchiveCountedAsync(
            string source, LocalDate day, string name, ReadOnlyMemory<byte> content, string contentType, IngestCounts counts, CancellationToken cancellationToken)
        {
            steps.Add("archive and count");
            if (Fails)
            {
                throw new InvalidOperationException("The archive's transaction failed.");
            }

            var archivedAs = await payloads.ArchiveAsync(source, name, content, contentType, cancellationToken);
            await counters.AddAsync(source, day, counts, cancellationToken);
            return (archivedAs, true);
        }

        public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A counting archive is asked to count.");

        public Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken) => payloads.ReadAsync(archivedAs, cancellationToken);

        public IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, CancellationToken cancellationToken) =>
            payloads.ListAsync(source, day, cancellationToken);
    }

    private sealed class FailingQueue(List<string> steps) : IRatingQueue
    {
        public bool Fails { get; set; }

        public Func<int>? Observe { get; set; }

        public List<int> Observed { get; } = [];

        public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
        {
            if (Observe is not null)
            {
                Observed.Add(Observe());
            }

            steps.Add($"put {message.Events.Count} event");
            return Fails ? throw new InvalidOperationException("The put failed.") : Task.CompletedTask;
        }
    }
}
