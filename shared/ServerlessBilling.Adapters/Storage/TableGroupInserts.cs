using Azure.Data.Tables;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Inserts rows that may already exist, the rows of one partition in entity group transactions of up to 100.</summary>
/// <remarks>A transaction is all or nothing: one that fails because a row is there already wrote none of its rows, so its rows are
/// inserted again one at a time by the caller's single-row insert, which answers for each what it found, or handed together to the
/// caller's <c>refused</c>, which can read what is there in fewer requests. Partitions are written at once, each on its own, at
/// most <see cref="TransactionsAtOnce"/> transactions at a time.</remarks>
internal static class TableGroupInserts
{
    /// <summary>The most operations an entity group transaction takes.</summary>
    public const int MaxPerTransaction = 100;

    /// <summary>The most transactions one call has in flight. Each operation of a transaction holds its own serialized request (a 4 KB
    /// buffer) while the transaction is sent: a CDR window's claims sent all at once held 10,000 of them, 41 MB, where 16 at a time
    /// left 14 MB in a heap dump (docs/performance.md, CDR "Working set"). A store serves a partition's transactions one after another
    /// anyway, and 16 keep every bucket of a window's claims busy.</summary>
    public const int TransactionsAtOnce = 16;

    /// <param name="table">The table written.</param>
    /// <param name="rows">The rows; no two with the same keys.</param>
    /// <param name="inserted">The answer for a row its transaction inserted.</param>
    /// <param name="oneByOne">Inserts row <c>i</c> alone and answers for it.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <param name="priority">When given, the writes take turns with webhook acknowledgements while deliveries wait.</param>
    /// <param name="refused">Answers for the rows of one partition whose transaction was refused (their indexes, in order); when
    /// null, each is inserted again by <paramref name="oneByOne"/>.</param>
    /// <param name="batches">When given, writes the transactions (see <see cref="TableInsertBatches"/>); else the SDK does.</param>
    /// <returns>The answer for each row, in order.</returns>
    public static Task<T[]> InsertAllAsync<T>(
        TableClient table, IReadOnlyList<TableEntity> rows, T inserted, Func<int, Task<T>> oneByOne, CancellationToken cancellationToken,
        Func<int[], Task<T[]>>? refused = null, WritePriority? priority = null, TableInsertBatches? batches = null) =>
        InsertAllAsync(_ => table, rows, inserted, oneByOne, cancellationToken, refused, priority, batches);

    /// <summary>As the other overload, for rows spread over several tables (<see cref="LedgerTables"/>): row <c>i</c> goes to
    /// <paramref name="tableOf"/>(<c>i</c>), and the transactions of all tables share the <see cref="TransactionsAtOnce"/> bound.</summary>
    /// <param name="bytesOf">The bytes of row <c>i</c>, when rows are so large that 100 of them could pass the service's 4 MiB a
    /// transaction (<see cref="UsagePacks"/>): a transaction then takes rows up to <see cref="MaxBytesPerTransaction"/>.</param>
    public static async Task<T[]> InsertAllAsync<T>(
        Func<int, TableClient> tableOf, IReadOnlyList<TableEntity> rows, T inserted, Func<int, Task<T>> oneByOne, CancellationToken cancellationToken,
        Func<int[], Task<T[]>>? refused = null, WritePriority? priority = null, TableInsertBatches? batches = null, Func<int, long>? bytesOf = null)
    {
        var results = new T[rows.Count];
        var chunks = Enumerable.Range(0, rows.Count)
            .GroupBy(i => (tableOf(i), rows[i].PartitionKey))
            .SelectMany(partition => bytesOf is null ? partition.Chunk(MaxPerTransaction) : ChunkBySize(partition, bytesOf));
        var options = new ParallelOptions { MaxDegreeOfParallelism = TransactionsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chunks, options, async (chunk, _) =>
        {
            // Fewer at once while webhook deliveries wait for their own writes (see WritePriority).
            using var turn = priority is null ? null : await priority.BulkWriteAsync(cancellationToken);
            if (chunk.Length > 1 && await TrySubmitAsync(tableOf(chunk[0]), [.. chunk.Select(i => rows[i])], batches, cancellationToken))
            {
                foreach (var i in chunk)
                {
                    results[i] = inserted;
                }

                return;
            }

            if (chunk.Length > 1 && refused is not null)
            {
                var answers = await refused(chunk);
                for (var k = 0; k < chunk.Length; k++)
                {
                    results[chunk[k]] = answers[k];
                }

                return;
            }

            foreach (var i in chunk)
            {
                results[i] = await oneByOne(i);
            }
        });
        return results;
    }

    /// <summary>The bytes of rows a transaction takes at most when they are counted: the service's limit is 4 MiB, and a row's JSON
    /// escapes (quotes in a document) and the multipart framing add to what is counted.</summary>
    public const long MaxBytesPerTransaction = 3_000_000;

    private static IEnumerable<int[]> ChunkBySize(IEnumerable<int> rows, Func<int, long> bytesOf)
    {
        var chunk = new List<int>();
        long bytes = 0;
        foreach (var i in rows)
        {
            var size = bytesOf(i);
            if (chunk.Count > 0 && (chunk.Count == MaxPerTransaction || bytes + size > MaxBytesPerTransaction))
            {
                yield return [.. chunk];
                chunk.Clear();
                bytes = 0;
            }

            chunk.Add(i);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return [.. chunk];
        }
    }

    /// <returns>False when a row was there already (nothing was written).</returns>
    private static async Task<bool> TrySubmitAsync(TableClient table, TableEntity[] rows, TableInsertBatches? batches, CancellationToken cancellationToken)
    {
        if (batches is not null && await batches.TryInsertAsync(table.Name, rows, cancellationToken) is { } answered)
        {
            return answered;
        }

        try
        {
            await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
