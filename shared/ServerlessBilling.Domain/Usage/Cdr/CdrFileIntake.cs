using System.Globalization;
using System.IO.Compression;
using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Streams a dropped CDR file: good lines go to rating in messages of one account's lines, bad lines to quarantine as
/// <c>{blob}#L{line}</c>; nothing stops the rest of the file.</summary>
/// <remarks>
/// The file is read in windows of up to <see cref="LinesPerWindow"/> lines. A window's events are grouped by the account they name
/// (the evidence rating attributes by: an explicit account, else the vendor's agent, else the customer's number), and each group is
/// queued in messages of up to <paramref name="linesPerMessage"/> events, so rating writes a message's usage rows in one entity group
/// transaction and checks each account period's close once. The grouping reads nothing but the lines, so a window read again cuts
/// the same messages: each is named by its window's first line and its part (<see cref="CdrBatch"/>).
/// <para>Progress is checkpointed per file version (name + ETag) after every window handed to rating. A read that
/// crashes resumes after the last checkpoint: lines after it are read again, so messages queued just before the
/// crash may be queued twice, under the same names, which is harmless because the usage ledger records an event id once. Quarantine
/// writes are upserts by reference, so repeating them is harmless too. A finished version is not read again;
/// a new upload under the same name has a new ETag and is read in full, and its events are billed once.</para>
/// Each window also adds one increment to the format's counters (lines read, queued, quarantined), once per window
/// (<see cref="IIngestCounters.AddOnceAsync"/>, keyed by the file version and the window's first line), so a window read again after a crash
/// is not counted again. Everything a file version brings is counted on its day of receipt, the UTC day its read started
/// (<see cref="CdrFileManifest.StartedAt"/>, saved before the first line is read), and its rating messages carry that day
/// (<see cref="RatingMessage.ReceivedOn"/>): a read or a rating retried after midnight counts on the day the file came, once.
/// <para>With <paramref name="windows"/>, a window is not cut into messages: its events are saved whole (grouped by account, as above)
/// and one message names them (<see cref="RatingMessage.Window"/>, part <see cref="CdrBatch.WholeWindow"/>), so rating claims 10,000
/// identities in about 112 transactions instead of 16 per message of 50 (see docs/performance.md). The window is saved before its
/// message is queued and under the window's name, so a read resumed after a crash saves the same events again and queues the same message.</para>
/// </remarks>
/// <param name="linesPerMessage">The most events of one account a rating message carries (1 to <see cref="MaxLinesPerMessage"/>), when
/// the events travel in the messages.</param>
/// <param name="windows">Where whole windows are saved for one message each; null to carry the events in messages of one account.</param>
public sealed class CdrFileIntake(
    ICdrDrops drops, IRatingQueue ratingQueue, IQuarantine quarantine, ICdrCheckpoints checkpoints, IIngestCounters counters, IClock clock, PhoneRegion region,
    int linesPerMessage = CdrFileIntake.DefaultLinesPerMessage, ICdrWindows? windows = null)
{
    /// <summary>Events of one account per message unless configured: 50 × ~350 bytes stays well under the 64 KB message limit after Base64.</summary>
    public const int DefaultLinesPerMessage = 50;

    /// <summary>The most events a message may carry: ~200 × 350 bytes is about 47 KB after Base64, under the queue's 64 KB.</summary>
    public const int MaxLinesPerMessage = 200;

    /// <summary>Lines read between checkpoints: the window whose lines are grouped by account. A crash reads at most this many again;
    /// the events of one window are held in memory, a few MB, whatever the file's size.</summary>
    public const int LinesPerWindow = 10_000;

    /// <summary>Bad lines written to quarantine together: one transaction's worth, so a file of mostly bad lines is not held one
    /// request a line, and what is held in memory stays small however long the lines are.</summary>
    public const int QuarantinedPerWrite = 100;

    private readonly int linesPerMessage = linesPerMessage is >= 1 and <= MaxLinesPerMessage
        ? linesPerMessage
        : throw new ArgumentOutOfRangeException(nameof(linesPerMessage), linesPerMessage, $"must be between 1 and {MaxLinesPerMessage}");

    /// <summary>The quarantine source of files whose path or metadata cannot be understood.</summary>
    public const string FileSource = "cdr";

    /// <returns>The file's manifest, or null when the blob is gone.</returns>
    public async Task<CdrFileManifest?> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        var drop = await drops.GetAsync(blobName, cancellationToken);
        if (drop is null)
        {
            return null;
        }

        var path = CdrDropPath.Parse(blobName, drop.Metadata);
        var manifest = await checkpoints.GetAsync(blobName, drop.ETag, cancellationToken);
        if (manifest is null)
        {
            // Saved before anything is counted, so a read resumed on a later day finds the day the file came.
            manifest = new CdrFileManifest(blobName, drop.ETag, path.Format, path.TimeZone?.Id ?? "", clock.GetCurrentInstant(), 0, 0, 0);
            await checkpoints.SaveAsync(manifest, cancellationToken);
        }

        if (manifest.IsFinished)
        {
            return manifest;
        }

        if (path.Problem is not null)
        {
            await quarantine.PutAsync(new QuarantinedRecord(FileSource, blobName, path.Problem, string.Empty), cancellationToken);
            await counters.AddOnceAsync(FileSource, ReceivedOn(manifest), new IngestCounts(Received: 1, Quarantined: 1), $"read|{blobName}|{drop.ETag}", cancellationToken);
            return await FinishAsync(manifest with { Quarantined = 1, Problem = path.Problem.ToString() }, cancellationToken);
        }

        await using var content = await drops.OpenReadAsync(drop, cancellationToken);
        await using var decompressed = path.Gzip ? new GZipStream(content, CompressionMode.Decompress) : content;
        using var reader = new StreamReader(decompressed);
        using var span = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.ReadCdrFile);
        return await ReadAsync(path, reader, manifest, cancellationToken);
    }

    private async Task<CdrFileManifest> ReadAsync(CdrDropPath path, TextReader reader, CdrFileManifest checkpoint, CancellationToken cancellationToken)
    {
        var progress = checkpoint;
        // A saved window is never cut: no account's group fills before the window ends.
        var window = new CdrAccountWindow(windows is null ? linesPerMessage : int.MaxValue);
        long lastLine = checkpoint.LinesRead, quarantined = 0, blank = 0;
        var held = new List<QuarantinedRecord>(QuarantinedPerWrite);
        using var lines = path.ReadLines(reader, region).GetEnumerator();
        while (true)
        {
            CdrLine line;
            try
            {
                if (!lines.MoveNext())
                {
                    break;
                }

                line = lines.Current;
            }
            catch (InvalidDataException e)
            {
                // A corrupt or truncated gzip stream: what was read is billed, the rest is named in quarantine.
                var problem = new RecordProblem("file", $"cannot be decompressed after line {lastLine}: {e.Message}");
                held.Add(new QuarantinedRecord(path.Format, $"{checkpoint.File}#L{lastLine + 1}", problem, string.Empty));
                await HoldAsync(held, cancellationToken);
                progress = await FlushAsync(path.Format, window, progress, lastLine, quarantined + 1, blank, cancellationToken);
                return await FinishAsync(progress with { Problem = problem.ToString() }, cancellationToken);
            }

            if (line.LineNumber <= checkpoint.LinesRead)
            {
                continue; // handled before the last checkpoint
            }

            blank += line.LineNumber - lastLine - 1; // lines between records carry no call: empty lines, a header row
            lastLine = line.LineNumber;
            if (line.Event is null)
            {
                quarantined++;
                held.Add(new QuarantinedRecord(path.Format, $"{checkpoint.File}#L{line.LineNumber}", line.Problem!, line.RawLine));
                if (held.Count == QuarantinedPerWrite)
                {
                    await HoldAsync(held, cancellationToken);
                }
            }
            else if (window.Add(line.Event, line.LineNumber) is { } full)
            {
                await EnqueueAsync(progress, full, cancellationToken);
            }

            if (lastLine - progress.LinesRead >= LinesPerWindow)
            {
                await HoldAsync(held, cancellationToken);
                progress = await FlushAsync(path.Format, window, progress, lastLine, quarantined, blank, cancellationToken);
                (quarantined, blank) = (0, 0);
            }
        }

        await HoldAsync(held, cancellationToken);
        progress = await FlushAsync(path.Format, window, progress, lastLine, quarantined, blank, cancellationToken);
        return await FinishAsync(progress, cancellationToken);
    }

    /// <summary>Puts the lines held so far in quarantine together; each checkpoint comes after, so a resumed read holds them again.</summary>
    private async Task HoldAsync(List<QuarantinedRecord> held, CancellationToken cancellationToken)
    {
        if (held.Count > 0)
        {
            await quarantine.PutAllAsync(held, cancellationToken);
            held.Clear();
        }
    }

    /// <summary>Queues one account's events as the window's next part.</summary>
    private async Task EnqueueAsync(CdrFileManifest progress, CdrWindowPart part, CancellationToken cancellationToken)
    {
        // Named by the window's first line, which a resumed read starts from, and the part's place in it.
        var lines = new CdrBatch(progress.File, progress.ETag, progress.LinesRead + 1, part.LastLine, part.Part);
        await ratingQueue.EnqueueAsync(new RatingMessage(part.Events, lines, ReceivedOn: ReceivedOn(progress)), cancellationToken);
    }

    /// <summary>Saves the window's events, grouped by account, and queues one message naming them.</summary>
    private async Task EnqueueWindowAsync(CdrFileManifest progress, IReadOnlyList<CdrWindowPart> parts, ICdrWindows store, CancellationToken cancellationToken)
    {
        var lines = new CdrBatch(progress.File, progress.ETag, progress.LinesRead + 1, parts.Max(p => p.LastLine), CdrBatch.WholeWindow);
        var name = string.Create(CultureInfo.InvariantCulture, $"{progress.File}/{progress.ETag.Trim('"')}/{lines.FirstLine:D19}");
        using var span = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.SaveWindow);
        await store.SaveAsync(name, parts.SelectMany(p => p.Events), cancellationToken);
        await ratingQueue.EnqueueAsync(new RatingMessage([], lines, ReceivedOn: ReceivedOn(progress)) { Window = name }, cancellationToken);
    }

    /// <summary>Queues what the window still holds, counts the window, then records that every line up to <paramref name="lastLine"/> is handled.</summary>
    private async Task<CdrFileManifest> FlushAsync(
        string source, CdrAccountWindow window, CdrFileManifest progress, long lastLine, long newlyQuarantined, long newlyBlank, CancellationToken cancellationToken)
    {
        if (windows is null)
        {
            foreach (var part in window.Rest())
            {
                await EnqueueAsync(progress, part, cancellationToken);
            }
        }
        else if (window.Events > 0)
        {
            await EnqueueWindowAsync(progress, window.Rest().ToList(), windows, cancellationToken);
        }

        // Named by the lines after the last checkpoint: a read resumed after a crash re-reads from there, so its window has the same name.
        var queued = window.Events;
        using var span = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.Checkpoint);
        var counts = new IngestCounts(Received: lastLine - progress.LinesRead, Accepted: queued, Queued: queued, Quarantined: newlyQuarantined);
        await counters.AddOnceAsync(source, ReceivedOn(progress), counts, $"read|{progress.File}|{progress.ETag}|{progress.LinesRead + 1}", cancellationToken);

        progress = progress with
        {
            LinesRead = lastLine,
            Queued = progress.Queued + queued,
            Quarantined = progress.Quarantined + newlyQuarantined,
            Blank = progress.Blank + newlyBlank,
        };
        window.Clear();
        await checkpoints.SaveAsync(progress, cancellationToken);
        return progress;
    }

    /// <summary>The file version's day of receipt: the UTC day its read started.</summary>
    private static LocalDate ReceivedOn(CdrFileManifest manifest) => manifest.StartedAt.InUtc().Date;

    private async Task<CdrFileManifest> FinishAsync(CdrFileManifest manifest, CancellationToken cancellationToken)
    {
        var finished = manifest with { FinishedAt = clock.GetCurrentInstant() };
        await checkpoints.SaveAsync(finished, cancellationToken);
        return finished;
    }
}
