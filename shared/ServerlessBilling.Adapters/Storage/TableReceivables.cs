using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>Receivables in <c>Receivables</c>, one partition per invoice (row <c>receivable</c>, the JSON document plus
/// <c>AccountId</c> and <c>Status</c> for the open-balance queries), and gateway payment ids linked to their invoice
/// (partition <c>payment|{id}</c>). Updates replace the row under its ETag and retry when another writer won.</summary>
/// <remarks>Each receivable is indexed for the invoice lists under <c>account|{accountId}</c> and <c>period|{yyyy-MM-dd}</c>
/// (row = invoice id, with its status), written before the receivable whenever its status changes: a crash in between
/// leaves an index row ahead of its receivable, and a listing re-reads each receivable and skips rows that do not match it.
/// A list across accounts without a period reads the receivable rows themselves, by invoice id. Payments are indexed for
/// their lists with a row per status, so no crash leaves a payment out of its status's list (<see cref="ReceivablePaymentIndex"/>).</remarks>
public sealed class TableReceivables : IReceivables
{
    private const string ReceivableRow = "receivable";
    private const string LinkRow = "link";
    private readonly TableClient table;
    private readonly ReceivablePaymentIndex payments;

    public TableReceivables(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.ReceivablesTable);
        payments = new ReceivablePaymentIndex(table, FindStoredAsync);
    }

    public async Task<Receivable?> FindAsync(string invoiceId, CancellationToken cancellationToken) =>
        (await FindStoredAsync(invoiceId, cancellationToken))?.Receivable;

    public async Task<Receivable> OpenAsync(Receivable receivable, CancellationToken cancellationToken)
    {
        try
        {
            await IndexAsync(receivable, cancellationToken);
            await payments.AddAheadAsync(null, receivable, null, cancellationToken);
            await table.AddEntityAsync(RowOf(receivable), cancellationToken);
            return receivable;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await FindAsync(receivable.InvoiceId, cancellationToken) ?? throw new InvalidOperationException($"Receivable {receivable.InvoiceId} vanished.");
            // Its payment rows were written ahead of it by whoever stored it; rows written here for another version are stale.
            await IndexAsync(stored, cancellationToken);
            return stored;
        }
    }

    public async Task<Receivable> UpdateAsync(string invoiceId, Func<Receivable, Receivable> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await table.GetEntityAsync<TableEntity>(TableKeys.Escape(invoiceId), ReceivableRow, cancellationToken: cancellationToken);
            var current = JsonDocumentEntity.Read<Receivable>(row.Value);
            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            try
            {
                if (changed.Status != current.Status || changed.PeriodStart != current.PeriodStart)
                {
                    await IndexAsync(changed, cancellationToken);
                }

                var entriesChanged = !changed.Entries.SequenceEqual(current.Entries);
                if (entriesChanged)
                {
                    await payments.AddAheadAsync(current, changed, row.Value.ETag, cancellationToken);
                }

                await table.UpdateEntityAsync(RowOf(changed), row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                if (entriesChanged)
                {
                    await payments.DropBehindAsync(current, changed, cancellationToken);
                }

                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A webhook or another step changed it meanwhile: apply the change to what is stored now.
            }
        }
    }

    public async Task<IReadOnlyList<Receivable>> ListOpenAsync(string? accountId, CancellationToken cancellationToken)
    {
        var filter = $"RowKey eq '{ReceivableRow}' and Status eq '{ReceivableStatus.Open}'"
            + (accountId is null ? "" : $" and AccountId eq {TableKeys.Literal(accountId)}");
        var open = new List<Receivable>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            open.Add(JsonDocumentEntity.Read<Receivable>(row));
        }

        return open;
    }

    public Task<ListPage<Receivable>> ListPageAsync(InvoiceListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var status = filter.Status is { } wanted ? $" and Status eq '{wanted}'" : "";
        if (filter is { AccountId: null, PeriodStart: null })
        {
            // Across every account and period: the receivable rows themselves, one partition per invoice, read a page at a time.
            return TablePaging.ReadAsync(table, $"RowKey eq '{ReceivableRow}'{status}", page, JsonDocumentEntity.Read<Receivable>, cancellationToken);
        }

        var partition = filter.AccountId is { } accountId ? ByAccount(accountId) : ByPeriod(filter.PeriodStart!.Value);
        var query = TablePaging.Partition(partition) + status
            + (filter.PeriodStart is { } periodStart ? $" and PeriodStart eq '{periodStart:yyyy-MM-dd}'" : "");
        return TablePaging.ReadAsync(table, query, page, async (row, cancel) =>
            await FindAsync(row.GetString("InvoiceId"), cancel) is { } receivable && filter.Matches(receivable) ? receivable : null, cancellationToken);
    }

    public Task<ListPage<InvoicePayment>> ListPaymentsAsync(PaymentListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        payments.ListAsync(filter, page, cancellationToken);

    public Task LinkPaymentAsync(string paymentId, string invoiceId, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(LinkPartition(paymentId), LinkRow) { ["InvoiceId"] = invoiceId }, TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> FindInvoiceOfPaymentAsync(string paymentId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(LinkPartition(paymentId), LinkRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("InvoiceId") : null;
    }

    private async Task<(Receivable Receivable, ETag ETag)?> FindStoredAsync(string invoiceId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(invoiceId), ReceivableRow, cancellationToken: cancellationToken);
        return row.HasValue ? (JsonDocumentEntity.Read<Receivable>(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Upserts the receivable's index rows with its current status (the account's, and its period's once known).</summary>
    private async Task IndexAsync(Receivable receivable, CancellationToken cancellationToken)
    {
        string[] partitions = receivable.PeriodStart is { } start ? [ByAccount(receivable.AccountId), ByPeriod(start)] : [ByAccount(receivable.AccountId)];
        foreach (var partition in partitions)
        {
            var row = new TableEntity(partition, TableKeys.Escape(receivable.InvoiceId))
            {
                ["InvoiceId"] = receivable.InvoiceId,
                ["AccountId"] = receivable.AccountId,
                ["Status"] = receivable.Status.ToString(),
                ["PeriodStart"] = receivable.PeriodStart?.ToString("yyyy-MM-dd", null),
            };
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static string ByAccount(string accountId) => TableKeys.Escape("account|" + accountId);

    private static string ByPeriod(NodaTime.LocalDate start) => "period|" + start.ToString("yyyy-MM-dd", null);

    private static string LinkPartition(string paymentId) => TableKeys.Escape("payment|" + paymentId);

    private static TableEntity RowOf(Receivable receivable)
    {
        var row = JsonDocumentEntity.Create(TableKeys.Escape(receivable.InvoiceId), ReceivableRow, receivable);
        row["AccountId"] = receivable.AccountId;
        row["Status"] = receivable.Status.ToString();
        return row;
    }
}
