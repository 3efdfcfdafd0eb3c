using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Rating;

/// <summary>Rates queue messages and quarantine replays with <see cref="UsageRating"/>, adding what became of them to each source's counters.</summary>
/// <remarks>
/// A message is rated source by source (a message normally holds one source's events), so each source's counters get
/// one increment per message, not one per event. The counts are added after rating, once per message and source
/// (<see cref="IIngestCounters.AddOnceAsync"/>, keyed by the message's delivery name): a message retried after it failed, whether
/// before or after a source's counts were written, counts each source once, and each event in its true class (what the failed
/// attempt billed counts as billed, not as its own duplicate: see <see cref="UsageRecording"/>). A message without a name (sent
/// before messages were named) counts once per attempt that got that far. A message read from a CDR file also records its outcome
/// against that file's lines, exactly once (the first attempt that finishes wins).
/// <para>The day counted is the day the delivery was received, carried in the message (<see cref="RatingMessage.ReceivedOn"/>: a
/// webhook's day, or a CDR file's), never the day it is rated: a message retried after midnight counts on the day it came, once.</para>
/// <para>A body that cannot be read carries no day: it is counted once per content (its quarantine reference), on the UTC day the
/// queue took the message in, which every retry of it reports alike. A replay counts each record it releases once (its reference and content), before the record leaves quarantine.</para>
/// </remarks>
/// <param name="windows">Where the CDR intake saves the read windows a message may name (<see cref="RatingMessage.Window"/>).</param>
/// <param name="windowsAtOnce">The most saved CDR windows this instance rates at once (<see cref="DefaultWindowsAtOnce"/> unless set).</param>
public sealed class CountedUsageRating(
    UsageRating rating, IIngestCounters counters, ICdrFileRatings fileRatings, IClock clock, ICdrWindows? windows = null, int windowsAtOnce = CountedUsageRating.DefaultWindowsAtOnce)
{
    /// <summary>The most saved CDR windows one instance rates at once unless configured (<c>Rating:WindowsAtOnce</c>). A window is read
    /// as it streams and its transactions are bounded, so it holds its billed calls, claims and rows only; the queue hands an instance up
    /// to 16 messages at once, and the others wait, hidden and renewed, for a slot. Nine tenths of a first-dropped window's time is its
    /// claims' and rows' transactions; on Azurite, one Node.js thread, a second window at once made each window's transactions take 2.2 to
    /// 3.2 times as long and the first drop slower (x0.6 to x0.7 in two pairs of runs), so one is the default; a store that serves
    /// transactions in parallel (Azure's Table service, partition by partition) is where more may pay (docs/performance.md, CDR
    /// "Where a window's time goes").</summary>
    public const int DefaultWindowsAtOnce = 1;

    /// <summary>The most windows the setting allows: each holds up to 10,000 billed calls with their claims and rows until written.</summary>
    public const int MaxWindowsAtOnce = 8;

    private readonly SemaphoreSlim windowSlots = new(windowsAtOnce is >= 1 and <= MaxWindowsAtOnce
        ? windowsAtOnce
        : throw new ArgumentOutOfRangeException(nameof(windowsAtOnce), windowsAtOnce, $"Between 1 and {MaxWindowsAtOnce} windows at once."));

    /// <summary>The counter source of queue messages that cannot be read as events.</summary>
    public const string UnreadableMessageSource = "rating-queue";

    /// <summary>Rates a message that came through no queue (a test, a tool): a body that carries no day counts on the day it is rated.</summary>
    public Task<RatingSummary> RateMessageAsync(string body, CancellationToken cancellationToken) => RateMessageAsync(body, null, cancellationToken);

    /// <summary>Rates one queue message and counts what became of it on the day it was received.</summary>
    /// <param name="body">The message text.</param>
    /// <param name="queuedAt">When the queue took the message in (the same on every delivery of it); the day of receipt of a body
    /// that carries none, so a retry after midnight UTC counts on the day the message came, once.</param>
    /// <param name="cancellationToken">Stops the rating; the message is then retried.</param>
    public async Task<RatingSummary> RateMessageAsync(string body, Instant? queuedAt, CancellationToken cancellationToken)
    {
        var receivedOn = queuedAt?.InUtc().Date ?? Today();
        if (!RatingMessage.TryParse(body, out var message, out _))
        {
            var unreadable = await rating.RateMessageAsync(body, cancellationToken);
            await counters.AddOnceAsync(
                UnreadableMessageSource, receivedOn, new IngestCounts(Quarantined: unreadable.Quarantined), UsageRating.UnreadableReference(body), cancellationToken);
            return unreadable;
        }

        if (message!.Window is not { } window)
        {
            return await RateAsync(message, receivedOn, cancellationToken);
        }

        // Rated as if its events were in the message; a failure to read it throws, so the message is retried.
        var stored = windows ?? throw new InvalidOperationException($"The message names the CDR window {window}, and no window store is configured.");
        using (TelemetryNames.Source.StartActivity(TelemetryNames.Steps.WaitForWindowSlot))
        {
            await windowSlots.WaitAsync(cancellationToken);
        }

        try
        {
            using var span = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.RateWindow);
            return await RateWindowAsync(message, stored.ReadAsync(window, cancellationToken), receivedOn, cancellationToken);
        }
        finally
        {
            windowSlots.Release();
        }
    }

    private async Task<RatingSummary> RateAsync(RatingMessage message, LocalDate receivedOn, CancellationToken cancellationToken)
    {
        var total = RatingSummary.None;
        foreach (var bySource in message.Events.GroupBy(e => e.Source, StringComparer.Ordinal))
        {
            var delivery = Delivery(message, bySource.Key);
            var summary = await rating.RateAsync(bySource.ToList(), delivery, cancellationToken);
            await CountAsync(message, bySource.Key, delivery, summary, receivedOn, cancellationToken);
            total = total.Plus(summary);
        }

        await RecordFileAsync(message, total, cancellationToken);
        return total;
    }

    /// <summary>Rates a saved window's events as they are read from it, as <see cref="RateAsync(RatingMessage, LocalDate, CancellationToken)"/>
    /// rates a message's: a window is one file's lines, so one source, whose delivery name is taken from its first event.</summary>
    private async Task<RatingSummary> RateWindowAsync(RatingMessage message, IAsyncEnumerable<UsageEvent> events, LocalDate receivedOn, CancellationToken cancellationToken)
    {
        await using var reading = events.GetAsyncEnumerator(cancellationToken);
        if (!await reading.MoveNextAsync())
        {
            return await RateAsync(message, receivedOn, cancellationToken);
        }

        var source = reading.Current.Source;
        var delivery = Delivery(message, source);
        var summary = await rating.RateAsync(OneSource(reading, source), delivery, cancellationToken);
        using var counting = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.Count);
        await CountAsync(message, source, delivery, summary, receivedOn, cancellationToken);
        await RecordFileAsync(message, summary, cancellationToken);
        return summary;
    }

    /// <summary>The events from the one <paramref name="reading"/> stands on; an event of another source is a window the intake never
    /// saves, and throws rather than be counted under the wrong source.</summary>
    private static async IAsyncEnumerable<UsageEvent> OneSource(IAsyncEnumerator<UsageEvent> reading, string source)
    {
        do
        {
            yield return reading.Current.Source == source
                ? reading.Current
                : throw new InvalidDataException($"A CDR window holds events of sources '{source}' and '{reading.Current.Source}'; a window is one file's.");
        }
        while (await reading.MoveNextAsync());
    }

    private static string? Delivery(RatingMessage message, string source) => message.DeliveryName is { } name ? $"{name}|{source}" : null;

    private async Task CountAsync(
        RatingMessage message, string source, string? delivery, RatingSummary summary, LocalDate receivedOn, CancellationToken cancellationToken)
    {
        var counts = new IngestCounts(
            Quarantined: summary.Quarantined, Rated: summary.Rated, Duplicates: summary.Duplicates, Conflicting: summary.Conflicts,
            Held: summary.Held, Unattributed: summary.Unattributed, Unpriced: summary.Unpriced, NotCharged: summary.NotCharged);
        if (delivery is null)
        {
            await counters.AddAsync(source, message.ReceivedOn ?? receivedOn, counts, cancellationToken);
        }
        else
        {
            await counters.AddOnceAsync(source, message.ReceivedOn ?? receivedOn, counts, delivery, cancellationToken);
        }
    }

    private async Task RecordFileAsync(RatingMessage message, RatingSummary total, CancellationToken cancellationToken)
    {
        if (message.Batch is { } batch)
        {
            var outcome = new CdrRatingCounts(total.Rated, total.Duplicates, total.Unattributed, total.Unpriced, total.Conflicts, total.Held, total.NotCharged);
            await fileRatings.RecordAsync(batch, outcome, cancellationToken);
        }
    }

    /// <summary>Replays the source's quarantine; what it billed counts as rated and released (it was counted in its quarantine class when it
    /// went in, so the day's conservation does not count it twice).</summary>
    /// <remarks>Each record is counted before it leaves quarantine, once (<see cref="QuarantineRelease"/>).</remarks>
    public Task<ReplaySummary> ReplayAsync(string source, CancellationToken cancellationToken) => ReplayAsync(source, null, cancellationToken);

    /// <summary>Replays only the named records of the source's quarantine (null: all of them), counted as above.</summary>
    public Task<ReplaySummary> ReplayAsync(string source, IReadOnlySet<string>? references, CancellationToken cancellationToken) =>
        rating.ReplayAsync(
            source, references, (record, _, cancel) => QuarantineRelease.CountOnceAsync(counters, record, Today(), cancel), cancellationToken);

    private LocalDate Today() => clock.GetCurrentInstant().InUtc().Date;
}
