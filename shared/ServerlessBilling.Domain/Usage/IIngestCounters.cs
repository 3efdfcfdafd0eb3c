using NodaTime;

namespace ServerlessBilling.Usage;

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
