using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCdrCheckpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SaveAsync_CheckpointThenManifest_ReadsBackPerVersion()
    {
        var checkpoints = new TableCdrCheckpoints(azurite.Tables);
        var file = $"freeswitch/Europe/Berlin/{Guid.NewGuid():N}.csv";
        var checkpoint = new CdrFileManifest(file, "\"0x8DE1\"", "freeswitch", "Europe/Berlin", Instant.FromUtc(2026, 11, 25, 12, 0), 400, 380, 20);

        await checkpoints.SaveAsync(checkpoint, CancellationToken.None);
        (await checkpoints.GetAsync(file, "\"0x8DE1\"", CancellationToken.None)).ShouldBe(checkpoint);

        var finished = checkpoint with { LinesRead = 512, Queued = 490, Quarantined = 22, FinishedAt = Instant.FromUtc(2026, 11, 25, 12, 1), Problem = "file: truncated" };
        await checkpoints.SaveAsync(finished, CancellationToken.None);
        (await checkpoints.GetAsync(file, "\"0x8DE1\"", CancellationToken.None)).ShouldBe(finished);
        (await checkpoints.GetAsync(file, "\"0x8DE2\"", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task ListVersionsAsync_TwoUploads_NewestStartFirstAndOnlyThatName()
    {
        var checkpoints = new TableCdrCheckpoints(azurite.Tables);
        var file = $"asterisk/UTC/{Guid.NewGuid():N}.csv";
        var first = new CdrFileManifest(file, "\"0x1\"", "asterisk", "UTC", Instant.FromUtc(2026, 11, 25, 12, 0), 10, 9, 1);
        var second = first with { ETag = "\"0x2\"", StartedAt = Instant.FromUtc(2026, 11, 25, 13, 0) };
        await checkpoints.SaveAsync(first, CancellationToken.None);
        await checkpoints.SaveAsync(second, CancellationToken.None);
        await checkpoints.SaveAsync(first with { File = file + ".old" }, CancellationToken.None);

        (await checkpoints.ListVersionsAsync(file, CancellationToken.None)).ShouldBe([second, first]);
    }
}
