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

    /// <summary>An Asterisk file of <paramref name="count"/> answered outbound calls with uniqueids from <paramref name="numbers"/> numbers in
    /// turn; every seventh line is broken.</summary>
    internal static string AsteriskFile(int count, int numbers = 1000) => string.Join('\n', Enumerable.Range(1, count).Select(i => i % 7 == 0
        ? $"\"broken line {i}\""
        : $"\"\",\"3035550{i % numbers:000}\",\"18445550100\",\"from-internal\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"2026-03-02 08:00:00\",\"2026-03-02 08:00:03\",\"2026-03-02 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"call.{i}\""));

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
    public async Task IngestAsync_File_CountsLinesQueuedAndQuarantinedOncePerWindow()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(25_000));

        await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 25_000, Accepted: 21_429, Queued: 21_429, Quarantined: 3_571));
        ports.Counters.Increments.Count.ShouldBe(3); // lines 1-10,000, 10,001-20,000 and 20,001-25,000
    }

    [Fact]
    public async Task IngestAsync_File_EachBatchNamesTheFileVersionItsWindowAndItsPart()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(250, numbers: 2)); // lines 1, 3, 5... from one number, 2, 4, 6... from the other

        var manifest = (await ports.Intake().IngestAsync("asterisk/Master.csv", default))!;

        var lines = ports.BatchLines.Select(b => b.ShouldNotBeNull()).ToList();
        lines.ShouldAllBe(b => b.File == manifest.File && b.ETag == manifest.ETag);
        // Every 50 events of a number fill a message, queued at once; every seventh line is broken, so the odd lines reach 50 events
        // at line 115, the even ones at 116, then 100 at 233 and 232; what is left goes at the window's end, odd first (line 1 came first).
        lines.Select(b => (b.FirstLine, b.Part, b.LastLine)).ShouldBe(
            [(1L, 0, 115L), (1L, 1, 116L), (1L, 2, 232L), (1L, 3, 233L), (1L, 4, 249L), (1L, 5, 250L)]);
        ports.Batches.Select(b => b.Count).ShouldBe([50, 50, 50, 50, 7, 8]);
        ports.Batches.ShouldAllBe(b => b.Select(e => e.From).Distinct().Count() == 1);
        lines.Select(b => b.Key).ShouldBeUnique();
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
        ports.Drop(blob, AsteriskFile(25_000, numbers: 100)); // 21,429 events in three windows
        ports.FailOnEnqueue = 250; // in the second window: the first is checkpointed

        await Should.ThrowAsync<IOException>(() => ports.Intake().IngestAsync(blob, default));
        var checkpoint = ports.Saved.Last();
        checkpoint.IsFinished.ShouldBeFalse();
        (checkpoint.LinesRead, checkpoint.Queued).ShouldBe((10_000L, 8_572L));
        // Each of the 100 numbers has 85 or 86 events a window: one full message each, queued as it fills, then one of the rest.
        var cutOff = ports.BatchLines.Zip(ports.Batches).Skip(200).Select(Describe).ToList();
        cutOff.Count.ShouldBe(49);

        var manifest = (await ports.Intake().IngestAsync(blob, default))!;

        manifest.IsFinished.ShouldBeTrue();
        (manifest.LinesRead, manifest.Queued, manifest.Quarantined).ShouldBe((25_000L, 21_429L, 3_571L));
        ports.Batches.Sum(b => b.Count).ShouldBe(21_429 + ports.Batches.Skip(200).Take(49).Sum(b => b.Count)); // the lines before the checkpoint were not queued again
        var again = ports.BatchLines.Zip(ports.Batches).Skip(249).Take(49).Select(Describe).ToList();
        again.ShouldBe(cutOff); // the parts a crash cut off keep their keys and their events when queued again
        ports.Ledger.Count.ShouldBe(21_429);
        ports.Quarantined.Count.ShouldBe(3_571);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 25_000, Accepted: 21_429, Queued: 21_429, Quarantined: 3_571));
    }

    [Fact]
    public async Task IngestAsync_ManyBadLines_HoldsThemAHundredAtATimeWithinEachWindow()
    {
        ports.Drop("asterisk/UTC/Master.csv", AsteriskFile(25_000, numbers: 100)); // 1,428, 1,429 and 714 bad lines in the three windows

        var manifest = (await ports.Intake().IngestAsync("asterisk/UTC/Master.csv", default))!;

        manifest.Quarantined.ShouldBe(3_571);
        ports.Quarantined.Count.ShouldBe(3_571);
        ports.QuarantineWrites.ShouldBe([.. Writes(1_428), .. Writes(1_429), .. Writes(714)]);
    }

    [Fact]
    public async Task IngestAsync_QuarantineFailsMidFile_ResumesAfterTheCheckpointAndHoldsEveryBadLineOnce()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(25_000, numbers: 100));
        ports.FailOnQuarantineWrite = 20; // the fifth write of the second window: the first window is checkpointed

        await Should.ThrowAsync<IOException>(() => ports.Intake().IngestAsync(blob, default));
        ports.Saved.Last().LinesRead.ShouldBe(10_000);
        ports.Quarantined.Count.ShouldBe(1_428 + 400);

        var manifest = (await ports.Intake().IngestAsync(blob, default))!;

        (manifest.LinesRead, manifest.Queued, manifest.Quarantined).ShouldBe((25_000L, 21_429L, 3_571L));
        ports.Quarantined.Count.ShouldBe(3_571);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 25_000, Accepted: 21_429, Queued: 21_429, Quarantined: 3_571));
    }

    /// <summary>The sizes of the writes that hold <paramref name="count"/> bad lines of one window: full ones, then the rest.</summary>
    private static IEnumerable<int> Writes(int count) =>
        Enumerable.Repeat(CdrFileIntake.QuarantinedPerWrite, count / CdrFileIntake.QuarantinedPerWrite)
            .Concat(count % CdrFileIntake.QuarantinedPerWrite > 0 ? [count % CdrFileIntake.QuarantinedPerWrite] : []);

    private static string Describe((CdrBatch? Lines, IReadOnlyList<UsageEvent> Events) message) =>
        $"{message.Lines!.Key}: {string.Join(",", message.Events.Select(e => e.EventId))}";

    [Fact]
    public async Task IngestAsync_CrashAfterAWindowWasCountedBeforeItsCheckpoint_CountsEachLineOnceAcrossTheResume()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(25_000, numbers: 100));
        ports.FailOnSave = 3; // the manifest, window 1; the second window is queued and counted, then its checkpoint is lost

        await Should.ThrowAsync<IOException>(() => ports.Intake().IngestAsync(blob, default));
        var resumedAfter = ports.Saved.Last().LinesRead;
        var queuedBeforeTheCrash = ports.Batches.Sum(b => b.Count);
        var manifest = (await ports.Intake().IngestAsync(blob, default))!;

        manifest.IsFinished.ShouldBeTrue();
        resumedAfter.ShouldBe(10_000);
        queuedBeforeTheCrash.ShouldBe(8_572 + 8_571);
        ports.Batches.Sum(b => b.Count).ShouldBe(21_429 + 8_571); // the second window is queued again (the ledger records its events once)
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 25_000, Accepted: 21_429, Queued: 21_429, Quarantined: 3_571));
        ports.Counters.Increments.Count.ShouldBe(3);
    }

    [Fact]
    public async Task IngestAsync_CrashAfterAWindowWasCountedResumedTheNextDay_CountsEveryLineOnceOnTheDayTheFileCame()
    {
        const string blob = "asterisk/UTC/Master.csv";
        ports.Drop(blob, AsteriskFile(25_000, numbers: 100));
        ports.FailOnSave = 3; // the manifest, window 1's checkpoint, then window 2's: counted and queued, not checkpointed
        var received = Instant.FromUtc(2026, 3, 2, 23, 59);

        await Should.ThrowAsync<IOException>(() => ports.Intake(new FakeClock(received)).IngestAsync(blob, default));
        var manifest = (await ports.Intake(new FakeClock(received + Duration.FromMinutes(5))).IngestAsync(blob, default))!;

        (manifest.LinesRead, manifest.Queued, manifest.Quarantined, manifest.StartedAt).ShouldBe((25_000L, 21_429L, 3_571L, received));
        ports.Counters.Increments.Select(i => i.Day).Distinct().ShouldBe([new LocalDate(2026, 3, 2)]);
        ports.Counters.Of("asterisk").ShouldBe(new IngestCounts(Received: 25_000, Accepted: 21_429, Queued: 21_429, Quarantined: 3_571));
        ports.Messages.Select(m => m.ReceivedOn).Distinct().ShouldBe([new LocalDate(2026, 3, 2)]);
        ports.Messages.Select(m => m.Batch!.FirstLine).Distinct().ShouldBe([1L, 10_001L, 20_001L]);
    }

    [Fact]
    public async Task IngestAsync_SameVersionAgain_IsNotReadTwice()
    {
        ports.Drop("asterisk/Master.csv", AsteriskFile(20));
        var first = await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        var again = await ports.Intake().IngestAsync("asterisk/Master.csv", default);

        again.ShouldBe(first);
        ports.Enqueues.ShouldBe(18); // one message per number: the second read queued nothing
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
