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

    /// <summary>The payload archived as <paramref name="archivedAs"/>, or null when there is none.</summary>
    Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken);

    /// <summary>Every payload of <paramref name="source"/> received on <paramref name="day"/> (UTC), for replay; in no particular order.</summary>
    IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, CancellationToken cancellationToken);
}
