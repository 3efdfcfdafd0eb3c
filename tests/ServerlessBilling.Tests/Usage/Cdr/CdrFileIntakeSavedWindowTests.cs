using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>A file read with saved windows: one message per read window naming its saved events, and the same window and message
/// after a crash.</summary>
public class CdrFileIntakeSavedWindowTests
{
    private const string File = "asterisk/Master.csv";

    // 25,000 lines, every seventh broken: 8,572 events in lines 1-10,000, 8,571 in 10,001-20,000, 4,286 in 20,001-25,000.
    private static readonly string Text = CdrFileIntakeTests.AsteriskFile(25_000, numbers: 100);

    private readonly InMemoryCdrPorts ports = new();

    [Fact]
    public async Task IngestAsync_SavedWindows_QueuesOneMessagePerWindowNamingItsEvents()
    {
        ports.Drop(File, Text);

        var manifest = (await ports.Intake(savedWindows: true).IngestAsync(File, default))!;

        manifest.Queued.ShouldBe(21_429);
        ports.Messages.ShouldAllBe(m => m.Events.Count == 0 && m.Window != null && m.Batch!.Part == CdrBatch.WholeWindow);
        ports.Messages.Select(m => (m.Batch!.FirstLine, m.Batch.LastLine)).ShouldBe([(1L, 10_000L), (10_001L, 20_000L), (20_001L, 25_000L)]);
        ports.Messages.Select(m => m.Window).ShouldBe([$"{File}/0x1/{1:D19}", $"{File}/0x1/{10_001:D19}", $"{File}/0x1/{20_001:D19}"]);
        ports.Batches.Select(b => b.Count).ShouldBe([8_572, 8_571, 4_286]);
        ports.Ledger.Count.ShouldBe(21_429);
    }

    [Fact]
    public async Task IngestAsync_SavedWindows_HoldTheEventsMessagesOfOneAccountWouldCarryGroupedByAccount()
    {
        ports.Drop(File, Text);
        ports.Drop("asterisk/again.csv", Text);

        await ports.Intake().IngestAsync("asterisk/again.csv", default);
        var inMessages = ports.Batches.ToList();
        await ports.Intake(savedWindows: true).IngestAsync(File, default);
        var saved = ports.Batches.Skip(inMessages.Count).ToList();

        saved.SelectMany(b => b).Select(e => e.EventId).Order(StringComparer.Ordinal)
            .ShouldBe(inMessages.SelectMany(b => b).Select(e => e.EventId).Order(StringComparer.Ordinal));
        foreach (var window in saved)
        {
            // An account's calls are together, in the order the accounts first appear, each in file order.
            var numbers = window.Select(e => e.From).ToList();
            numbers.Distinct().Count().ShouldBe(numbers.Zip(numbers.Skip(1)).Count(p => p.First != p.Second) + 1);
        }
    }

    [Fact]
    public async Task IngestAsync_CrashAfterAWindowWasSavedBeforeItsMessage_SavesTheSameWindowAgainAndQueuesItOnce()
    {
        ports.Drop(File, Text);
        ports.FailOnEnqueue = 2;

        await Should.ThrowAsync<IOException>(() => ports.Intake(savedWindows: true).IngestAsync(File, default));
        var manifest = (await ports.Intake(savedWindows: true).IngestAsync(File, default))!;

        ports.Windows.Saves.Select(s => s.Name.Split('/')[^1]).ShouldBe([$"{1:D19}", $"{10_001:D19}", $"{10_001:D19}", $"{20_001:D19}"]);
        ports.Windows.Saves[2].Events.Select(e => e.EventId).ShouldBe(ports.Windows.Saves[1].Events.Select(e => e.EventId));
        ports.Messages.Select(m => m.Batch!.Key).ShouldBe(ports.Messages.Select(m => m.Batch!.Key).Distinct());
        (manifest.Queued, ports.Ledger.Count).ShouldBe((21_429L, 21_429));
    }

    [Fact]
    public async Task IngestAsync_CrashAfterAWindowWasQueuedBeforeItsCheckpoint_QueuesTheSameMessageAgain()
    {
        ports.Drop(File, Text);
        ports.FailOnSave = 3; // the manifest, the first window's checkpoint, then the second's

        await Should.ThrowAsync<IOException>(() => ports.Intake(savedWindows: true).IngestAsync(File, default));
        await ports.Intake(savedWindows: true).IngestAsync(File, default);

        ports.Messages.Select(m => m.Batch!.FirstLine).ShouldBe([1L, 10_001L, 10_001L, 20_001L]);
        ports.Messages[2].ShouldBe(ports.Messages[1]);
        ports.Ledger.Count.ShouldBe(21_429);
    }
}
