namespace ServerlessBilling.Usage;

/// <summary>Keeps every payload exactly as received, before anything is parsed, so any record can be traced or replayed.</summary>
public interface IRawArchive
{
    /// <returns>Where it was archived (a blob name), to quote in quarantine records and logs.</returns>
    Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}

/// <summary>Hands normalized events to rating. One message may carry many events, to keep queue transactions low.</summary>
public interface IRatingQueue
{
    Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken);
}

/// <summary>Where records that cannot be billed wait with their reason, to be fixed and replayed.</summary>
public interface IQuarantine
{
    /// <summary>Stores the record; storing the same source and reference again replaces it (retries are harmless).</summary>
    Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken);

    /// <summary>Takes a record out once it has been billed; removing one that is not there does nothing.</summary>
    Task RemoveAsync(string source, string reference, CancellationToken cancellationToken);
}

/// <summary>Holds the parts of a call that a vendor reports in separate deliveries, until they can be joined into one event.</summary>
public interface ICallPartStore
{
    /// <summary>Stores one part of a call; storing the same part again replaces it (redeliveries are harmless).</summary>
    Task PutAsync(string source, string callKey, string part, UsageEvent partial, CancellationToken cancellationToken);

    /// <returns>The part, or null when it has not arrived yet.</returns>
    Task<UsageEvent?> FindAsync(string source, string callKey, string part, CancellationToken cancellationToken);
}
