using ServerlessBilling.Paging;

namespace ServerlessBilling.Usage;

/// <summary>Where records that cannot be billed wait with their reason, to be fixed and replayed.</summary>
public interface IQuarantine
{
    /// <summary>Stores the record; storing the same source and reference again replaces it (retries are harmless).</summary>
    Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken);

    /// <summary>Stores each record as <see cref="PutAsync"/> does; a store may write records of one source together.</summary>
    /// <remarks>A failure part-way may leave some stored, as separate calls would; putting them all again is harmless.</remarks>
    async Task PutAllAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await PutAsync(record, cancellationToken);
        }
    }

    /// <summary>The source's records in the order of their references (ordinal), which is the order a replay takes them in.</summary>
    Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken);

    /// <summary>One page of the source's records, in reference order.</summary>
    Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Takes a record out once it has been billed; removing one that is not there does nothing.</summary>
    Task RemoveAsync(string source, string reference, CancellationToken cancellationToken);
}
