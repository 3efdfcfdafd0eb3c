using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>Keeps every payload exactly as received, before anything is parsed, so any record can be traced or replayed.</summary>
/// <remarks>
/// A payload is durable when <see cref="ArchiveAsync"/> returns: a caller acknowledges a delivery only after that. A
/// redelivery is archived again under a new name; both copies read back.
/// </remarks>
public interface IRawArchive
{
    /// <summary>Stores <paramref name="content"/> under the source and the UTC day it was received.</summary>
    /// <param name="name">A readable name for the payload (a vendor reference and a content hash), kept beside it.</param>
    /// <returns>Where it was archived, to quote in quarantine records and logs and to read it back with <see cref="ReadAsync"/>.</returns>
    Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="ArchiveCountedAsync"/> adds a delivery's counts in the same write as its payload; when false it only
    /// archives, and the caller counts the delivery itself.</summary>
    bool CountsDeliveries => false;

    /// <summary>Stores <paramref name="content"/> as <see cref="ArchiveAsync"/> does, under <paramref name="day"/>, and, when
    /// <see cref="CountsDeliveries"/>, adds <paramref name="counts"/> to the source's counters of that day in the same atomic write: both
    /// are durable when it returns, and a write that failed stored neither (a write whose answer was lost is read back before it
    /// fails). A caller that acknowledges only after it returns counts exactly the deliveries it acknowledged.</summary>
    /// <returns>Where it was archived, and whether the counts were added with it.</returns>
    async Task<(string ArchivedAs, bool Counted)> ArchiveCountedAsync(
        string source, LocalDate day, string name, ReadOnlyMemory<byte> content, string contentType, IngestCounts counts, CancellationToken cancellationToken) =>
        (await ArchiveAsync(source, name, content, contentType, cancellationToken), false);

    /// <summary>The payload archived as <paramref name="archivedAs"/>, or null when there is none.</summary>
    Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken);

    /// <summary>Every payload of <paramref name="source"/> received on <paramref name="day"/> (UTC), for replay; in no particular order.</summary>
    IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, CancellationToken cancellationToken);
}
