using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>Running counts per source and day, for operations: is a feed arriving, and where does it go?</summary>
/// <remarks>
/// <see cref="AddAsync"/> counts at least once: a delivery retried after a storage failure counts again. <see cref="AddOnceAsync"/>
/// counts a named delivery exactly once per source and day, so rating, which a queue retries, counts each message once.
/// The exact figures are the usage ledger, the quarantine and each CDR file's manifest; counters are the cheap overview.
/// </remarks>
public interface IIngestCounters
{
    /// <summary>Adds <paramref name="counts"/> to the source's day; callers add once per delivery, message or batch, not per event.</summary>
    Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="counts"/> to the source's day unless <paramref name="delivery"/> was already counted there: the add and
    /// the record that it was made are one write, so a retry after a crash on either side of it counts the delivery once.</summary>
    /// <param name="delivery">What names the delivery across its retries (a queue message's name); any text.</param>
    /// <returns>True when this call added the counts; false when the delivery had been counted before (or the counts are empty).</returns>
    Task<bool> AddOnceAsync(string source, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken);

    /// <summary>The stored counters from <paramref name="from"/> to <paramref name="to"/> (both included), of one source or all; a source and day may come in several parts.</summary>
    Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken);
}
