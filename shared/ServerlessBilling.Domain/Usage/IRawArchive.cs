namespace ServerlessBilling.Usage;

/// <summary>Keeps every payload exactly as received, before anything is parsed, so any record can be traced or replayed.</summary>
public interface IRawArchive
{
    /// <returns>Where it was archived (a blob name), to quote in quarantine records and logs.</returns>
    Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}
