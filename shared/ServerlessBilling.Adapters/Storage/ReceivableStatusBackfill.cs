using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>Indexes under their status the receivables stored before the status partitions existed, one page of receivables
/// per call, resuming from a cursor kept in the table, so no listing reads every receivable at once.</summary>
/// <remarks>The cursor (the continuation token of the scan of receivable rows) lives in row <c>status-index|cursor</c>; row
/// <c>status-index|complete</c> says every receivable is in its status partition (earlier versions wrote it after indexing all
/// in one pass, so it stays the mark). Each row is written under the ETag the receivable was read with: if the receivable
/// changes meanwhile, a listing finds the row stale and deletes it, as it does for a writer's row. Two listings may index the
/// same page at once, which writes the same rows twice; the cursor is replaced under its own ETag, so it never moves back.</remarks>
internal sealed class ReceivableStatusBackfill(TableClient table, int pageSize)
{
    private const string ReceivableRow = "receivable";
    private const string MarkerPartition = "status-index";
    private const string CompleteRow = "complete";
    private const string CursorRow = "cursor";

    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, CompleteRow, ["PartitionKey"], cancellationToken)).HasValue;

    /// <summary>Indexes the next page of receivables, unless all are indexed already.</summary>
    /// <returns>Whether every receivable is indexed now.</returns>
    public async Task<bool> AdvanceAsync(CancellationToken cancellationToken)
    {
        if (await IsCompleteAsync(cancellationToken))
        {
            return true;
        }

        var cursor = await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, CursorRow, cancellationToken: cancellationToken);
        var from = cursor.HasValue ? cursor.Value!.GetString("Cursor") : null;
        string? next = null;
        await foreach (var page in table.QueryAsync<TableEntity>($"RowKey eq '{ReceivableRow}'", pageSize, cancellationToken: cancellationToken).AsPages(from, pageSize))
        {
            foreach (var stored in page.Values)
            {
                var receivable = JsonDocumentEntity.Read<Receivable>(stored);
                await table.UpsertEntityAsync(ReceivableInvoiceIndex.StatusRowOf(receivable, stored.ETag.ToString()), TableUpdateMode.Replace, cancellationToken);
            }

            next = page.ContinuationToken;
            break;
        }

        if (next is null)
        {
            await table.UpsertEntityAsync(new TableEntity(MarkerPartition, CompleteRow), TableUpdateMode.Replace, cancellationToken);
            return true;
        }

        await SaveCursorAsync(next, cursor.HasValue ? cursor.Value!.ETag : null, cancellationToken);
        return false;
    }

    private async Task SaveCursorAsync(string next, ETag? read, CancellationToken cancellationToken)
    {
        var row = new TableEntity(MarkerPartition, CursorRow) { ["Cursor"] = next };
        try
        {
            if (read is { } etag)
            {
                await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(row, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another listing indexed this page too and moved the cursor first.
        }
    }
}
