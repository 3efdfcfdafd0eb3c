using System.Text;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>The payload's archive write and the events' handoff run side by side; the delivery is answered once both are durable.</summary>
public class WebhookIntakeArchiveTests
{
    private const string Body = """{"id":"a-1","startedAt":"2023-11-14T22:00:00Z","durationSeconds":5,"direction":"inbound","from":"+13125550142","to":"+18885550100","component":"Telephony"}""";

    [Fact]
    public async Task ReceiveAsync_ArchiveWriteSlow_HandsOffMeanwhileAndAnswersOnlyOnceItIsDone()
    {
        var scene = new Scene();

        var receiving = scene.PostAsync();
        await scene.Archive.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        scene.Queue.Events.Select(e => e.EventId).ShouldBe(["events-a-1"]); // queued while the archive write is still in flight
        scene.Counters.Of("events").Received.ShouldBe(1);
        receiving.IsCompleted.ShouldBeFalse();

        scene.Archive.Finish.SetResult("RawPayloads/events/2023/11/14/x/000000000001");
        var outcome = await receiving.WaitAsync(TimeSpan.FromSeconds(10));

        outcome.TryGetValue(out var receipt).ShouldBeTrue();
        receipt.ShouldBe(new WebhookReceipt(WebhookStatus.Accepted, "RawPayloads/events/2023/11/14/x/000000000001"));
    }

    [Fact]
    public async Task ReceiveAsync_ArchiveWriteFails_FailsTheDeliveryAndItsRedeliveryIsAcknowledged()
    {
        var scene = new Scene();
        var receiving = scene.PostAsync();
        await scene.Archive.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        scene.Archive.Finish.SetException(new IOException("storage lost"));

        await Should.ThrowAsync<IOException>(() => receiving.WaitAsync(TimeSpan.FromSeconds(10)));

        // The vendor redelivers what was not acknowledged: the same event goes again (rating records its identity once) and is archived.
        scene.Archive.Reset();
        var redelivery = scene.PostAsync();
        await scene.Archive.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        scene.Archive.Finish.SetResult("RawPayloads/events/2023/11/14/x/000000000002");
        (await redelivery.WaitAsync(TimeSpan.FromSeconds(10))).TryGetValue(out var receipt).ShouldBeTrue();

        receipt.Status.ShouldBe(WebhookStatus.Accepted);
        scene.Queue.Events.Select(e => e.EventId).ShouldBe(["events-a-1", "events-a-1"]);
        scene.Counters.Of("events").ShouldBe(new IngestCounts(Received: 2, Accepted: 2, Queued: 2, Components: 2));
    }

    private sealed class Scene
    {
        private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        private readonly WebhookIntake<UsageEventsWebhook> intake;

        public Scene() => intake = new WebhookIntake<UsageEventsWebhook>(
            new UsageEventsWebhook(new UsageEventsOptions("k")), WebhookTolerance.Default, PhoneRegion.Default, Archive,
            new WebhookHandoff(Queue, Counters, WebhookGrouping.OneAtATime), clock);

        public HeldArchive Archive { get; } = new();

        public InMemoryRatingQueue Queue { get; } = new();

        public InMemoryIngestCounters Counters { get; } = new();

        public Task<Outcome<WebhookReceipt>> PostAsync()
        {
            var (timestamp, signature) = UsageEventsWebhook.Sign("k", Encoding.UTF8.GetBytes(Body), 1_700_000_000);
            return intake.ReceiveAsync(
                WebhookHarness<UsageEventsWebhook>.Delivery(Body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature)),
                CancellationToken.None);
        }
    }

    /// <summary>An archive whose write is held until the test finishes it.</summary>
    private sealed class HeldArchive : IRawArchive
    {
        public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Finish { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Reset() => (Started, Finish) = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            return Finish.Task;
        }

        public Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken) => Task.FromResult<ArchivedPayload?>(null);

        public IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, CancellationToken cancellationToken) => AsyncEnumerable.Empty<ArchivedPayload>();
    }
}
