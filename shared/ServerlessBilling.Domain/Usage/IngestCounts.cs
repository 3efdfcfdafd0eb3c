using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>How much of one source's input went where, over some span (a message, a day, a range of days).</summary>
/// <param name="Received">Webhook deliveries that reached the route, or CDR lines read.</param>
/// <param name="Accepted">Deliveries or lines that carried usage and were handed to rating.</param>
/// <param name="Ignored">Verified deliveries with nothing billable (progress callbacks, transcripts).</param>
/// <param name="Rejected">Deliveries refused: forged, stale, malformed or too large.</param>
/// <param name="Queued">Events handed to rating (a batch delivery or a CDR line may carry several).</param>
/// <param name="Quarantined">Records put in quarantine: bad CDR lines and files, and events rating could not attribute or price.</param>
/// <param name="Rated">Events billed (by rating or by a quarantine replay); a call with several components counts one per component.</param>
/// <param name="Duplicates">Events rating found already billed (vendor retries, the same call in two feeds).</param>
public sealed record IngestCounts(
    long Received = 0,
    long Accepted = 0,
    long Ignored = 0,
    long Rejected = 0,
    long Queued = 0,
    long Quarantined = 0,
    long Rated = 0,
    long Duplicates = 0)
{
    public static readonly IngestCounts None = new();

    public bool IsNone => this == None;

    public IngestCounts Plus(IngestCounts other) => new(
        Received + other.Received,
        Accepted + other.Accepted,
        Ignored + other.Ignored,
        Rejected + other.Rejected,
        Queued + other.Queued,
        Quarantined + other.Quarantined,
        Rated + other.Rated,
        Duplicates + other.Duplicates);
}

/// <summary>One source's counts on one day (UTC): a stored row, or the sum of several.</summary>
public sealed record IngestCounter(string Source, LocalDate Day, IngestCounts Counts);

/// <summary>Running counts per source and day, for operations: is a feed arriving, and where does it go?</summary>
/// <remarks>
/// Counts are at least once: a queue message or CDR batch that is retried after a storage failure counts again.
/// The exact figures are the usage ledger, the quarantine and each CDR file's manifest; counters are the cheap overview.
/// </remarks>
public interface IIngestCounters
{
    /// <summary>Adds <paramref name="counts"/> to the source's day; callers add once per delivery, message or batch, not per event.</summary>
    Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken);

    /// <summary>The stored counters from <paramref name="from"/> to <paramref name="to"/> (both included), of one source or all; a source and day may come in several parts.</summary>
    Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken);
}
