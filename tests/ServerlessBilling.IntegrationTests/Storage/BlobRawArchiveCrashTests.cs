using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The raw archive's group commit when storage is lost midway, as when the instance dies: every payload whose archiving
/// returned reads back from a new instance, and the new instance archives on beside what the lost one left.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobRawArchiveCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private static readonly LocalDate Day = new(2026, 5, 4);

    private readonly StorageLost lost = new(appendsBeforeLoss: 3);
    private ScratchBlobs storage = null!;

    public Task InitializeAsync()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(lost, HttpPipelinePosition.PerCall);
        storage = new ScratchBlobs(azurite, options);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ArchiveAsync_StorageLostMidway_EveryAcknowledgedPayloadReadsBackFromANewInstance()
    {
        var dying = await storage.ReadyAsync(new BlobRawArchive(storage, Clock, maxPayloadsPerGroup: 8));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Index: i, ArchivedAs: (string?)await dying.ArchiveAsync("retell", $"call-{i}.json", Body(i), "application/json", default));
            }
            catch (RequestFailedException)
            {
                return (Index: i, ArchivedAs: null);
            }
        })));
        lost.Restore();
        var restarted = new BlobRawArchive(storage, Clock, maxPayloadsPerGroup: 8);
        var after = await restarted.ArchiveAsync("retell", "after.json", Body(99), "application/json", default);

        // Three appends of at most 8 succeeded; the fourth reached storage but its answer was lost; the rest failed.
        var acknowledged = outcomes.Where(o => o.ArchivedAs is not null).ToList();
        acknowledged.Count.ShouldBeInRange(3, 24);
        foreach (var (index, archivedAs) in acknowledged)
        {
            var read = (await restarted.ReadAsync(archivedAs!, default)).ShouldNotBeNull();
            read.Name.ShouldBe($"call-{index}.json");
            read.Content.ToArray().ShouldBe(Body(index));
        }

        var listed = new List<ArchivedPayload>();
        await foreach (var payload in restarted.ListAsync("retell", Day, default))
        {
            listed.Add(payload);
        }

        listed.Select(p => p.ArchivedAs).ShouldBeUnique();
        listed.Select(p => p.ArchivedAs).ShouldContain(after);
        acknowledged.Select(o => o.ArchivedAs!).ShouldBeSubsetOf(listed.Select(p => p.ArchivedAs));
        listed.Count.ShouldBeInRange(acknowledged.Count + 2, acknowledged.Count + 1 + 8);
        foreach (var payload in listed)
        {
            payload.Content.ToArray().ShouldBe(payload.Name == "after.json" ? Body(99) : Body(int.Parse(payload.Name[5..^5], CultureInfo.InvariantCulture)));
        }
    }

    private static byte[] Body(int i) => Encoding.UTF8.GetBytes($"{{\"call_id\":\"call-{i}\",\"seconds\":{i * 7}}}");

    /// <summary>Lets <c>appendsBeforeLoss</c> appends through, then sends one more whose answer it drops, then fails every blob write
    /// until restored.</summary>
    private sealed class StorageLost(int appendsBeforeLoss) : HttpPipelinePolicy
    {
        private int appends;
        private volatile bool restored;

        public void Restore() => restored = true;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (restored || message.Request.Method != RequestMethod.Put)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            var append = message.Request.Uri.Query.Contains("comp=appendblock", StringComparison.Ordinal);
            var number = append ? Interlocked.Increment(ref appends) : Volatile.Read(ref appends) + 1;
            if (number <= appendsBeforeLoss)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            if (append && number == appendsBeforeLoss + 1)
            {
                await ProcessNextAsync(message, pipeline);
            }

            throw new RequestFailedException(503, "Storage is unreachable from this instance.");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
