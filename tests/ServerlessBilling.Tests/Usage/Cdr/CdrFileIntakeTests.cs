using System.IO.Compression;
using System.Text;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class CdrFileIntakeTests
{
    private readonly InMemoryCdrPorts ports = new();

    /// <summary>An Asterisk file of <paramref name="count"/> answered calls with uniqueids; every seventh line is broken.</summary>
    private static string AsteriskFile(int count) => string.Join('\n', Enumerable.Range(1, count).Select(i => i % 7 == 0
        ? $"\"broken line {i}\""
        : $"\"\",\"3035550{i % 1000:000}\",\"18445550100\",\"from-trunk\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"2026-03-02 08:00:00\",\"2026-03-02 08:00:03\",\"2026-03-02 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"call.{i}\""));

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task IngestAsync_File_QueuesGoodLinesQuarantinesBadOnesAndWritesTheManifest()
    {
        ports.Drop("asterisk/America/Denver/Master.csv", AsteriskFile(250));

        var manifest = (await ports.Intake().IngestAsync("asterisk/America/Denver/Master.csv", default))!;

        (manifest.LinesRead, manifest.Queued, manifest.Quarantined).ShouldBe((250L, 215L, 35L));
        (manifest.Format, manifest.TimeZone, manifest.IsFinished).ShouldBe(("asterisk", "America/Denver", true));
        ports.Ledger.Count.ShouldBe(215);
        ports.Quarantined["asterisk/America/Denver/Master.csv#L14"].Problem.Field.ShouldBe("line");
        ports.Quarantined.Values.ShouldAllBe(q => q.Source == "asterisk" && q.RawContent.StartsWith("\"broken line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_File_CountsLinesQueuedAndQuarantinedOncePerBatch()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(250));

        await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 250, Accepted: 215, Queued: 215, Quarantined: 35));
        ports.Counters.Increments.Count.ShouldBe(ports.Enqueues);
    }

    [Fact]
    public async Task IngestAsync_File_EachBatchNamesTheFileVersionAndTheLinesItCovers()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(250));

        var manifest = (await ports.Intake().IngestAsync("asterisk/Master.csv", default))!;

        var lines = ports.BatchLines.Select(b => b.ShouldNotBeNull()).ToList();
        lines.ShouldAllBe(b => b.File == manifest.File && b.ETag == manifest.ETag);
        lines.Select(b => (b.FirstLine, b.LastLine)).ShouldBe([(1L, 116L), (117L, 233L), (234L, 250L)]);
    }

    [Fact]
    public async Task IngestAsync_UnreadablePath_CountsTheFileAsQuarantined()
    {
        ports.Drop("nonsense/Master.csv", AsteriskFile(3));

        await ports.Intake().IngestAsync("nonsense/Master.csv", default);

        ports.Counters.Of(CdrFileIntake.FileSource).ShouldBe(new IngestCounts(Received: 1, Quarantined: 1));
    }

    [Fact]
    public async Task IngestAsync_GzipTwilioExport_IsGunzippedWhileStreaming()
    {
        var lines = Enumerable.Range(1, 3).Select(i =>
            $$"""{"sid":"CA{{i:D32}}","from":"+14155550100","to":"+12125550199","status":"completed","direction":"outbound-api","start_time":"2026-03-02T22:14:19Z","duration":"{{i * 10}}","price":"-0.0{{i}}","price_unit":"USD"}""");
        ports.Drop("twilio-bulkexport/2026-03-02.json.gz", Gzip(string.Join('\n', lines) + "\n"));

        var manifest = (await ports.Intake().IngestAsync("twilio-bulkexport/2026-03-02.json.gz", default))!;

        (manifest.Queued, manifest.Quarantined).ShouldBe((3L, 0L));
        ports.Batches.Single().Select(e => e.UpstreamCost!.Value.Amount).ShouldBe([0.01m, 0.02m, 0.03m]);
    }

    [Fact]
    public async Task IngestAsync_CorruptGzip_BillsWhatWasReadAndQuarantinesTheRest()
    {
        var bytes = Gzip(AsteriskFile(50));
        bytes.AsSpan(bytes.Length / 2, 16).Fill(0xFF);
        ports.Drop("asterisk/Master.csv.gz", bytes);

        var manifest = (await ports.Intake().IngestAsync("asterisk/Master.csv.gz", default))!;

        manifest.Problem.ShouldNotBeNull().ShouldContain("cannot be decompressed");
        manifest.IsFinished.ShouldBeTrue();
        ports.Quarantined.Values.ShouldContain(q => q.Problem.Field == "file");
    }

    [Fact]
    public async Task IngestAsync_RatingQueueFailsMidFile_ResumesAfterTheCheckpointAndQueuesEveryEventOnce()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(1000)); // 858 events: 9 batches
        ports.FailOnEnqueue = 4;

        await Should.ThrowAsync<IOException>(() => ports.Intake().IngestAsync(blob, default));
        var checkpoint = ports.Saved.Last();
        checkpoint.IsFinished.ShouldBeFalse();
        checkpoint.Queued.ShouldBe(300);

        var manifest = (await ports.Intake().IngestAsync(blob, default))!;

        manifest.IsFinished.ShouldBeTrue();
        (manifest.LinesRead, manifest.Queued, manifest.Quarantined).ShouldBe((1000L, 858L, 142L));
        ports.Batches.Sum(b => b.Count).ShouldBe(858); // the lines before the checkpoint were not queued again
        ports.BatchLines[3]!.FirstLine.ShouldBe(checkpoint.LinesRead + 1); // the batch a crash cut off keeps its key when queued again
        ports.Ledger.Count.ShouldBe(858);
        ports.Quarantined.Count.ShouldBe(142);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 1000, Accepted: 858, Queued: 858, Quarantined: 142));
    }

    [Fact]
    public async Task IngestAsync_CrashAfterABatchWasCountedBeforeItsCheckpoint_CountsEachLineOnceAcrossTheResume()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(1000)); // 858 events: 9 batches
        ports.FailOnSave = 5; // the manifest, then batches 1-3; the fourth batch is queued and counted, then its checkpoint is lost

        await Should.ThrowAsync<IOException>(() => ports.Intake().IngestAsync(blob, default));
        var resumedAfter = ports.Saved.Last().LinesRead;
        var manifest = (await ports.Intake().IngestAsync(blob, default))!;

        manifest.IsFinished.ShouldBeTrue();
        ports.Batches.Sum(b => b.Count).ShouldBe(958); // the fourth batch is queued again (the ledger records its events once)
        ports.BatchLines[4]!.FirstLine.ShouldBe(resumedAfter + 1);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 1000, Accepted: 858, Queued: 858, Quarantined: 142));
        ports.Counters.Increments.Count.ShouldBe(9);
    }

    [Fact]
    public async Task IngestAsync_CrashAfterABatchWasCountedResumedTheNextDay_CountsEveryLineOnceOnTheDayTheFileCame()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(350)); // 300 events, 50 broken lines: 3 batches, the last of 100 events
        ports.FailOnSave = 3; // the manifest, batch 1's checkpoint, then batch 2's: counted and queued, not checkpointed
        var received = Instant.FromUtc(2026, 3, 2, 23, 59);

        await Should.ThrowAsync<IOException>(() => ports.Intake(new FakeClock(received)).IngestAsync(blob, default));
        var manifest = (await ports.Intake(new FakeClock(received + Duration.FromMinutes(5))).IngestAsync(blob, default))!;

        (manifest.LinesRead, manifest.Queued, manifest.Quarantined, manifest.StartedAt).ShouldBe((350L, 300L, 50L, received));
        ports.Counters.Increments.Select(i => i.Day).Distinct().ShouldBe([new LocalDate(2026, 3, 2)]);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 350, Accepted: 300, Queued: 300, Quarantined: 50));
        ports.Messages.Select(m => (m.Batch!.FirstLine, m.ReceivedOn)).ShouldBe(
            [(1L, new LocalDate(2026, 3, 2)), (117L, new LocalDate(2026, 3, 2)), (117L, new LocalDate(2026, 3, 2)), (234L, new LocalDate(2026, 3, 2))]);
    }

    [Fact]
    public async Task IngestAsync_SameVersionAgain_IsNotReadTwice()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(20));
        var first = await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        var again = await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        again.ShouldBe(first);
        ports.Enqueues.ShouldBe(1);
        ports.Counters.Of("asterisk").Received.ShouldBe(20);
    }

    [Fact]
    public async Task IngestAsync_FileDroppedAgain_IsReadAgainAndBillsNothingTwice()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(300));
        await ports.Intake().IngestAsync("asterisk/Master.csv", default);
        ports.Drop("asterisk/Master.csv", AsteriskFile(300)); // a new upload: a new ETag

        var second = (await ports.Intake().IngestAsync("asterisk/Master.csv", default))!;

        second.Queued.ShouldBe(258);
        ports.Batches.Sum(b => b.Count).ShouldBe(516);
        ports.Ledger.Count.ShouldBe(258);
    }

    [Fact]
    public async Task IngestAsync_UnknownFormatFolder_QuarantinesTheFile()
    {
        ports.Drop("nortel/Master.csv", "anything");

        var manifest = (await ports.Intake().IngestAsync("nortel/Master.csv", default))!;

        manifest.Problem.ShouldNotBeNull().ShouldStartWith("path:");
        ports.Quarantined["nortel/Master.csv"].Source.ShouldBe(CdrFileIntake.FileSource);
        ports.Enqueues.ShouldBe(0);
    }

    [Fact]
    public async Task IngestAsync_BlobGone_ReturnsNull() =>
        (await ports.Intake().IngestAsync("asterisk/missing.csv", default)).ShouldBeNull();
}
