using NodaTime;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.PortContracts;

/// <summary>CDR checkpoints per file version (name + ETag): a save replaces that version's checkpoint, a get finds only
/// that version, a listing is the file's versions newest start first.</summary>
public abstract class CdrCheckpointsContract : PortContract<ICdrCheckpoints>
{
    private const string File = "freeswitch/Europe/Berlin/Master.csv";

    private static CdrFileManifest Checkpoint(string file = File, string etag = "\"0x8DE1\"", int startedMinutes = 0) =>
        new(file, etag, "freeswitch", "Europe/Berlin", Samples.Noon.Plus(Duration.FromMinutes(startedMinutes)), 400, 380, 20);

    [Fact]
    public async Task GetAsync_NeverStarted_IsNull() =>
        (await Port.GetAsync(File, "\"0x8DE1\"", default)).ShouldBeNull();

    [Fact]
    public async Task ListVersionsAsync_NeverStarted_IsEmpty() =>
        (await Port.ListVersionsAsync(File, default)).ShouldBeEmpty();

    [Fact]
    public async Task SaveAsync_CheckpointThenFinished_GetReadsTheLatestOfThatVersionOnly()
    {
        await Port.SaveAsync(Checkpoint(), default);
        (await Port.GetAsync(File, "\"0x8DE1\"", default)).ShouldBe(Checkpoint());

        var finished = Checkpoint() with
        {
            LinesRead = 512, Queued = 490, Quarantined = 20, Blank = 2, FinishedAt = Samples.Noon.Plus(Duration.FromSeconds(61)), Problem = "file: truncated",
        };
        await Port.SaveAsync(finished, default);

        (await Port.GetAsync(File, "\"0x8DE1\"", default)).ShouldBe(finished);
        (await Port.GetAsync(File, "\"0x8DE2\"", default)).ShouldBeNull();
        (await Port.GetAsync(File + ".gz", "\"0x8DE1\"", default)).ShouldBeNull();
        (await Port.ListVersionsAsync(File, default)).ShouldBe([finished]);
    }

    [Fact]
    public async Task ListVersionsAsync_SeveralUploads_NewestStartFirstAndOnlyThatName()
    {
        var first = Checkpoint(etag: "\"0x3\"", startedMinutes: 0);
        var third = Checkpoint(etag: "\"0x1\"", startedMinutes: 120);
        var second = Checkpoint(etag: "\"0x2\"", startedMinutes: 60);
        await Port.SaveAsync(first, default);
        await Port.SaveAsync(third, default);
        await Port.SaveAsync(second, default);
        await Port.SaveAsync(Checkpoint(file: File + ".old"), default);
        await Port.SaveAsync(Checkpoint(file: "freeswitch/Europe/Berlin/Master"), default);

        (await Port.ListVersionsAsync(File, default)).ShouldBe([third, second, first]);
    }
}
