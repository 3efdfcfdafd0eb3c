using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The table archive's group commit when storage is lost midway, as when the instance dies: every payload whose archiving
/// returned reads back from a new instance, a transaction whose answer was lost leaves whole payloads only, and the new instance
/// archives on beside what the lost one left.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRawArchiveCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero));
    private static readonly LocalDate Day = new(2026, 5, 4);

    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private readonly TableWriteFaults faults = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(4, false)]
    [InlineData(1, true)]
    public async Task ArchiveAsync_StorageLostMidway_EveryAcknowledgedPayloadReadsBackFromANewInstance(int dieAt, bool delivered)
    {
        var earlier = await blobs.ReadyAsync(new BlobRawArchive(blobs, Clock, maxPayloadsPerGroup: 1));
        await tables.ReadyAsync(new TableRawArchive(tables, earlier, Clock, maxPayloadsPerGroup: 8));
        var options = new TableClientOptions();
        options.AddPolicy(faults, Azure.Core.HttpPipelinePosition.PerCall);
        var dying = new TableRawArchive(tables.With(options), earlier, Clock, maxPayloadsPerGroup: 8);
        faults.Arm(dieAt, delivered);

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
        var restarted = new TableRawArchive(tables, earlier, Clock, maxPayloadsPerGroup: 8);
        var after = await restarted.ArchiveAsync("retell", "after.json", Body(99), "application/json", default);

        // dieAt - 1 transactions of 1 to 8 payloads succeeded; the next reached storage (its answer lost) or not; the rest failed.
        var acknowledged = outcomes.Where(o => o.ArchivedAs is not null).ToList();
        acknowledged.Count.ShouldBeInRange(dieAt - 1, (dieAt - 1) * 8);
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
        var unacknowledged = listed.Count - acknowledged.Count - 1;
        if (delivered)
        {
            unacknowledged.ShouldBeInRange(1, 8);
        }
        else
        {
            unacknowledged.ShouldBe(0);
        }

        foreach (var payload in listed)
        {
            payload.Content.ToArray().ShouldBe(payload.Name == "after.json" ? Body(99) : Body(int.Parse(payload.Name[5..^5], CultureInfo.InvariantCulture)));
        }
    }

    private static byte[] Body(int i) => Encoding.UTF8.GetBytes($"{{\"call_id\":\"call-{i}\",\"seconds\":{i * 7}}}");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
