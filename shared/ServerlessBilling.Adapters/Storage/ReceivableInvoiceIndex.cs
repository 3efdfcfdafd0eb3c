using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>The invoice lists' index in the <c>Receivables</c> table: for each receivable and its status one row under
/// <c>account|{accountId}</c>, one under <c>period|{yyyy-MM-dd}</c> (once the period is known) and one under
/// <c>status|{status}</c>, row key <c>{invoiceId}!{status}</c>, so an account's, a period's and a status's lists read one
/// partition in invoice id order (<c>!</c> sorts before every character an id may hold).</summary>
/// <remarks>The rows live in other partitions than their receivable, so no entity-group transaction holds both; the rows of the period
/// and status partitions that receivables written at once add go together in one (<see cref="TableWriteGroups"/>). A change of
/// status first adds the rows of the new status beside the old ones, then the receivable is replaced, then the old rows are
/// deleted: whatever step a crash stops at, the row of the stored status exists, so a list may read a row too many, never
/// one too few. Each added row keeps <c>Base</c>, the ETag of the receivable it was written ahead of; a listing re-reads each
/// receivable, skips a row that does not match it and deletes it unless the receivable still has that ETag (the write the
/// row was added for may still land). Only the status moves: a change of invoice, account or period throws
/// (<see cref="ReceivableMoves"/>), as no row could follow it.
/// Rows written before the status was part of the key (row key = invoice id, status in a column) are read as they are,
/// rewritten to the stored status when they disagree, and deleted at the receivable's next change of status. Receivables
/// stored before the status partitions existed are indexed there a page per status list started
/// (<see cref="ReceivableStatusBackfill"/>); until all are, a status list reads the receivable rows themselves, so it misses none.</remarks>
internal sealed class ReceivableInvoiceIndex(
    TableClient table, Func<string, CancellationToken, Task<(Receivable Receivable, ETag ETag)?>> find, ReceivableStatusBackfill backfill)
{
    private const string AccountPrefix = "account|";

    /// <summary>The writes to the status and period partitions, grouped with those of other receivables written at once.</summary>
    private readonly TableWriteGroups shared = new(table, TableWriteGroups.GroupWindow);

    /// <summary>The <c>Base</c> of rows written ahead of a receivable that is not stored yet.</summary>
    private const string NoReceivable = "";
    private const string ReceivableRow = "receivable";

    /// <summary>Marks a continuation token of the scan of receivable rows, which a status list reads until its index is complete.</summary>
    private const string ScanToken = "scan:";

    /// <summary>Adds the rows <paramref name="after"/> needs that <paramref name="before"/> (null: nothing stored yet, ETag
    /// <paramref name="baseETag"/>) has not, before the receivable is written; one write per partition.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="after"/> moves the receivable to another invoice, account or period.</exception>
    public async Task AddAheadAsync(Receivable? before, Receivable after, ETag? baseETag, CancellationToken cancellationToken)
    {
        if (before is not null)
        {
            ReceivableMoves.EnsureNotMoved(before, after);
        }

        // All at once, each before the receivable is written: the account's row alone, the period's and the status's with the rows other
        // receivables write to those partitions meanwhile (every close of a period writes the same two).
        var had = KeysOf(before);
        await Task.WhenAll(RowsOf(after, baseETag?.ToString() ?? NoReceivable)
            .Where(r => !had.Contains((r.PartitionKey, r.RowKey)))
            .Select(row => row.PartitionKey.StartsWith(AccountPrefix, StringComparison.Ordinal)
                ? table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)
                : shared.UpsertAsync(row, cancellationToken)));
    }

    /// <summary>Deletes the rows of <paramref name="before"/> that <paramref name="after"/> no longer needs (its old status),
    /// and any row of the time before the status was in the key, once the receivable is stored.</summary>
    public async Task DropBehindAsync(Receivable before, Receivable after, CancellationToken cancellationToken)
    {
        var kept = KeysOf(after);
        foreach (var (partition, rowKey) in KeysOf(before).Where(k => !kept.Contains(k)))
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }

        foreach (var partition in LegacyPartitionsOf(before))
        {
            await table.DeleteEntityAsync(partition, TableKeys.Escape(before.InvoiceId), ETag.All, cancellationToken);
        }
    }

    /// <summary>One page of the invoices <paramref name="filter"/> admits from the partition it names: the account's, else the
    /// period's, else the status's.</summary>
    /// <exception cref="ArgumentException">The filter names no account, period or status (that list reads the receivables).</exception>
    public async Task<ListPage<Receivable>> ListAsync(InvoiceListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var status = filter.Status is { } wanted ? $" and Status eq '{wanted}'" : "";
        string query;
        if (filter.AccountId is { } accountId)
        {
            query = TablePaging.Partition(ByAccount(accountId)) + status
                + (filter.PeriodStart is { } periodStart ? $" and PeriodStart eq '{Day(periodStart)}'" : "");
        }
        else if (filter.PeriodStart is { } periodStart)
        {
            query = TablePaging.Partition(ByPeriod(periodStart)) + status;
        }
        else if (filter.Status is { } only)
        {
            if (await ScansAsync(page, cancellationToken))
            {
                return await ScanAsync(only, page, cancellationToken);
            }

            query = TablePaging.Partition(ByStatus(only));
        }
        else
        {
            throw new ArgumentException("An indexed invoice list names an account, a period or a status.", nameof(filter));
        }

        return await TablePaging.ReadAsync(table, query, page, async (row, cancel) =>
        {
            var stored = await find(row.GetString("InvoiceId"), cancel);
            if (stored is { Receivable: var receivable } && row.RowKey == KeyOf(receivable))
            {
                return filter.Matches(receivable) ? receivable : null;
            }

            if (stored is { } legacy && row.RowKey == TableKeys.Escape(legacy.Receivable.InvoiceId))
            {
                return await ReadLegacyAsync(row, legacy.Receivable, filter, cancel);
            }

            if (row.GetString("Base") != (stored?.ETag.ToString() ?? NoReceivable))
            {
                await DeleteStaleAsync(row, cancel);
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>A row of the time before the status was in the key: listed when its status is the stored one. Otherwise, when
    /// a change of status already wrote the stored status's row, it is deleted (that change died before deleting it); else it
    /// is rewritten to the stored status in place, keeping its place in the partition so no listing meets it twice, and
    /// listed as the receivable stands when the filter admits that.</summary>
    private async ValueTask<Receivable?> ReadLegacyAsync(TableEntity row, Receivable receivable, InvoiceListFilter filter, CancellationToken cancellationToken)
    {
        if (row.GetString("Status") == receivable.Status.ToString())
        {
            return filter.Matches(receivable) ? receivable : null;
        }

        try
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, KeyOf(receivable), ["Status"], cancellationToken)).HasValue)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                return null;
            }

            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = receivable.Status.ToString() }, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return filter.Matches(receivable) ? receivable : null;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Deleted or rewritten since it was read: a change of status is moving the receivable to its own rows.
            return null;
        }
    }

    /// <summary>Whether a status list reads the receivables themselves: it did on its earlier pages, or it starts while
    /// earlier receivables are still being indexed, a page of them per list started.</summary>
    private async Task<bool> ScansAsync(PageRequest page, CancellationToken cancellationToken) =>
        page.ContinuationToken is { } token
            ? token.StartsWith(ScanToken, StringComparison.Ordinal)
            : !await backfill.AdvanceAsync(cancellationToken);

    /// <summary>One page of the receivables of <paramref name="status"/>, read from their own rows: complete without the
    /// index, at the cost of a scan the service filters.</summary>
    private async Task<ListPage<Receivable>> ScanAsync(ReceivableStatus status, PageRequest page, CancellationToken cancellationToken)
    {
        var from = page.ContinuationToken?[ScanToken.Length..];
        var read = await TablePaging.ReadAsync(
            table, $"RowKey eq '{ReceivableRow}' and Status eq '{status}'", page with { ContinuationToken = from }, JsonDocumentEntity.Read<Receivable>, cancellationToken);
        return read with { ContinuationToken = read.ContinuationToken is { } next ? ScanToken + next : null };
    }

    private async Task DeleteStaleAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Written again since it was read: a writer needs it for the change it is making.
        }
    }

    /// <summary>The row of <paramref name="receivable"/> in its status's partition, written ahead of ETag <paramref name="baseETag"/>.</summary>
    public static TableEntity StatusRowOf(Receivable receivable, string baseETag) => RowOf(ByStatus(receivable.Status), receivable, baseETag);

    private static HashSet<(string PartitionKey, string RowKey)> KeysOf(Receivable? receivable) =>
        receivable is null ? [] : PartitionsOf(receivable).Select(p => (p, KeyOf(receivable))).ToHashSet();

    private static IEnumerable<TableEntity> RowsOf(Receivable receivable, string baseETag) =>
        PartitionsOf(receivable).Select(partition => RowOf(partition, receivable, baseETag));

    private static string[] PartitionsOf(Receivable receivable) =>
        [.. LegacyPartitionsOf(receivable), ByStatus(receivable.Status)];

    private static string[] LegacyPartitionsOf(Receivable receivable) =>
        receivable.PeriodStart is { } start ? [ByAccount(receivable.AccountId), ByPeriod(start)] : [ByAccount(receivable.AccountId)];

    private static TableEntity RowOf(string partitionKey, Receivable receivable, string baseETag) =>
        new(partitionKey, KeyOf(receivable))
        {
            ["InvoiceId"] = receivable.InvoiceId,
            ["AccountId"] = receivable.AccountId,
            ["Status"] = receivable.Status.ToString(),
            ["PeriodStart"] = receivable.PeriodStart is { } start ? Day(start) : null,
            ["Base"] = baseETag,
        };

    private static string KeyOf(Receivable receivable) => TableKeys.Escape(receivable.InvoiceId) + "!" + receivable.Status;

    private static string ByAccount(string accountId) => TableKeys.Escape(AccountPrefix + accountId);

    private static string ByPeriod(LocalDate start) => "period|" + Day(start);

    private static string ByStatus(ReceivableStatus status) => "status|" + status;

    private static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", null);
}
