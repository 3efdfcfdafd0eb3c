using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Upstream;

/// <summary>Reconciliations in two tables: <c>Reconciliations</c> (partition = vendor, row = month: the month's latest summary) and
/// <c>ReconciliationFindings</c> (partition = the run, row = the vendor's call id), written in batches of one partition.</summary>
public sealed class TableReconciliations(TableServiceClient tables) : IReconciliations
{
    private const int BatchSize = 100;
    private readonly TableClient summaries = tables.GetTableClient(StorageNames.ReconciliationsTable);
    private readonly TableClient findings = tables.GetTableClient(StorageNames.ReconciliationFindingsTable);

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

    public async Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken) =>
        await summaries.UpsertEntityAsync(
            JsonDocumentEntity.Create(TableKeys.Escape(summary.Vendor), TableKeys.Escape(summary.Month), summary), TableUpdateMode.Replace, cancellationToken);

    public async Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken)
    {
        var row = await summaries.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(vendor), TableKeys.Escape(month), cancellationToken: cancellationToken);
        return row.HasValue ? JsonDocumentEntity.Read<ReconciliationSummary>(row.Value!) : null;
    }
}
