using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Upstream;

/// <summary>Reconciliations in two tables: <c>Reconciliations</c> (partition = vendor, row = month: the month's latest summary) and
/// <c>ReconciliationFindings</c> (partition = the run, row = the vendor's call id), written in batches of one partition; and
/// <c>ReconciliationSeen</c> (partition = the run, row = an event id the run's statement lists), written and read the same way.</summary>
public sealed class TableReconciliations(TableServiceClient tables) : IReconciliations
{
    private const int BatchSize = 100;
    private readonly TableClient summaries = tables.GetTableClient(StorageNames.ReconciliationsTable);
    private readonly TableClient findings = tables.GetTableClient(StorageNames.ReconciliationFindingsTable);
    private readonly TableClient seen = tables.GetTableClient(StorageNames.ReconciliationSeenTable);

    public async Task AddFindingsAsync(StatementRun run, IReadOnlyList<ReconciliationFinding> page, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(run.Id);
        // One finding per call and reason: a call can be both conflicting and a cost difference.
        foreach (var batch in page.DistinctBy(f => (f.VendorCallId, f.Reason)).Chunk(BatchSize))
        {
            var actions = batch
                .Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    JsonDocumentEntity.Create(partition, TableKeys.Escape($"{f.VendorCallId}|{f.Reason}"), f)))
                .ToList();
            await findings.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async IAsyncEnumerable<ReconciliationFinding> ListFindingsAsync(StatementRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(run.Id);
        await foreach (var row in findings.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            yield return JsonDocumentEntity.Read<ReconciliationFinding>(row);
        }
    }

    public async Task AddSeenAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(run.Id);
        foreach (var batch in eventIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var actions = batch
                .Select(id => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, TableKeys.Escape(id))))
                .ToList();
            await seen.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <remarks>Point reads, a few at a time: the ids of one ledger page are spread over the run's partition.</remarks>
    public async Task<IReadOnlySet<string>> SeenAmongAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(run.Id);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(eventIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if ((await seen.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(id), ["PartitionKey"], ct)).HasValue)
            {
                found[id] = true;
            }
        });

        return found.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public async Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken) =>
        await summaries.UpsertEntityAsync(
            JsonDocumentEntity.Create(TableKeys.Escape(summary.Vendor), TableKeys.Escape(summary.Month), summary), TableUpdateMode.Replace, cancellationToken);

    public async Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken)
    {
        var row = await summaries.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(vendor), TableKeys.Escape(month), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<ReconciliationSummary>(row.Value!) : null;
    }
}
