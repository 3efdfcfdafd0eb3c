using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>Receivables in <c>Receivables</c>, one partition per invoice (row <c>receivable</c>, the JSON document plus
/// <c>AccountId</c> and <c>Status</c> for the open-balance queries), and gateway payment ids linked to their invoice
/// (partition <c>payment|{id}</c>). Updates replace the row under its ETag and retry when another writer won.</summary>
/// <remarks>Each receivable is indexed for the invoice lists under its account, its period and its status with a row per
/// status, and its payments for the payment lists likewise, so no crash leaves an invoice or a payment out of its status's
/// list (<see cref="ReceivableInvoiceIndex"/>, <see cref="ReceivablePaymentIndex"/>). Only the list of every invoice of
/// every account and status reads the receivable rows themselves, by invoice id.</remarks>
public sealed class TableReceivables : IReceivables
{
    private const string ReceivableRow = "receivable";
    private const string LinkRow = "link";
    private readonly TableClient table;
    private readonly ReceivablePaymentIndex payments;
    private readonly ReceivableInvoiceIndex invoices;

    private readonly int pageSize;

    /// <param name="tables">The storage account's tables.</param>
    /// <param name="pageSize">How many receivables the open list reads per page, and the index of earlier receivables writes per
    /// status list (<see cref="ReceivableStatusBackfill"/>).</param>
    public TableReceivables(TableServiceClient tables, int pageSize = PageRequest.MaxLimit)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, PageRequest.MaxLimit);
        this.pageSize = pageSize;
        table = tables.GetTableClient(StorageNames.ReceivablesTable);
        payments = new ReceivablePaymentIndex(table, FindStoredAsync);
        invoices = new ReceivableInvoiceIndex(table, FindStoredAsync, new ReceivableStatusBackfill(table, pageSize));
    }

    public async Task<Receivable?> FindAsync(string invoiceId, CancellationToken cancellationToken) =>
        (await FindStoredAsync(invoiceId, cancellationToken))?.Receivable;

    public async Task<Receivable> OpenAsync(Receivable receivable, CancellationToken cancellationToken)
    {
        try
        {
            await invoices.AddAheadAsync(null, receivable, null, cancellationToken);
            await payments.AddAheadAsync(null, receivable, null, cancellationToken);
            await table.AddEntityAsync(RowOf(receivable), cancellationToken);
            return receivable;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Its index rows were written ahead of it by whoever stored it; rows written here for another version are stale,
            // and a listing deletes them.
            return await FindAsync(receivable.InvoiceId, cancellationToken) ?? throw new InvalidOperationException($"Receivable {receivable.InvoiceId} vanished.");
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
                var statusChanged = changed.Status != current.Status;
                if (statusChanged)
                {
                    await invoices.AddAheadAsync(current, changed, row.Value.ETag, cancellationToken);
                }
                else
                {
                    ReceivableMoves.EnsureNotMoved(current, changed);
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

                if (statusChanged)
                {
                    await invoices.DropBehindAsync(current, changed, cancellationToken);
                }

                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A webhook or another step changed it meanwhile: apply the change to what is stored now.
            }
        }
    }

    /// <remarks>Read from the index a page at a time, the account's partition or the <c>Open</c> status's, in invoice id order;
    /// stale rows met on the way are skipped and deleted, as the paged lists do.</remarks>
    public async Task<IReadOnlyList<Receivable>> ListOpenAsync(string? accountId, CancellationToken cancellationToken)
    {
        var filter = new InvoiceListFilter(accountId, Status: ReceivableStatus.Open);
        var open = new List<Receivable>();
        var page = PageRequest.First(pageSize);
        do
        {
            var read = await invoices.ListAsync(filter, page, cancellationToken);
            open.AddRange(read.Items);
            page = page with { ContinuationToken = read.ContinuationToken };
        }
        while (page.ContinuationToken is not null);

        return open;
    }

    public Task<ListPage<Receivable>> ListPageAsync(InvoiceListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        filter is { AccountId: null, PeriodStart: null, Status: null }
            // Every invoice of every account: the receivable rows themselves, one partition per invoice, read a page at a time.
            ? TablePaging.ReadAsync(table, $"RowKey eq '{ReceivableRow}'", page, JsonDocumentEntity.Read<Receivable>, cancellationToken)
            : invoices.ListAsync(filter, page, cancellationToken);

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

    private static string LinkPartition(string paymentId) => TableKeys.Escape("payment|" + paymentId);

    private static TableEntity RowOf(Receivable receivable)
    {
        var row = JsonDocumentEntity.Create(TableKeys.Escape(receivable.InvoiceId), ReceivableRow, receivable);
        row["AccountId"] = receivable.AccountId;
        row["Status"] = receivable.Status.ToString();
        return row;
    }
}
