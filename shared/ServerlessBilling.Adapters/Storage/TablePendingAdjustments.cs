using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Adjustments in <c>Adjustments</c>: partition = account, row = adjustment id, the record as JSON plus the invoice it was billed on.</summary>
/// <remarks>
/// One partition per account keeps "what waits for this account's next invoice" a single-partition read. Marking is
/// guarded by each row's ETag, and a row already billed on another invoice is a broken invariant, not overwritten.
/// </remarks>
public sealed class TablePendingAdjustments(TableServiceClient tables) : IPendingAdjustments
{
    private const string BilledOnProperty = "BilledOnInvoiceId";
    private readonly TableClient table = tables.GetTableClient(StorageNames.AdjustmentsTable);

    public async Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(
                JsonDocumentEntity.Create(TableKeys.Escape(adjustment.AccountId), TableKeys.Escape(adjustment.Id), adjustment with { BilledOnInvoiceId = null }),
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Added before under the same business key, billed or not.
        }
    }

    public async Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
        [.. (await ListAsync(accountId, cancellationToken)).Where(a => a.BilledOnInvoiceId is null || a.BilledOnInvoiceId == invoiceId)];

    public async Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var adjustments = new List<PendingAdjustment>();
        var partition = TableKeys.Escape(accountId);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            adjustments.Add(Read(row));
        }

        return [.. adjustments.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
    }

    public async Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(accountId);
        foreach (var id in adjustmentIds)
        {
            var row = (await table.GetEntityAsync<TableEntity>(partition, TableKeys.Escape(id), cancellationToken: cancellationToken)).Value;
            switch (row.GetString(BilledOnProperty))
            {
                case null:
                    row[BilledOnProperty] = invoiceId;
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
                    break;
                case var billedOn when billedOn == invoiceId:
                    break;
                case var billedOn:
                    throw new InvalidOperationException($"Adjustment '{id}' of account '{accountId}' is billed on {billedOn}, not {invoiceId}.");
            }
        }
    }

    /// <remarks>One query over the whole table, only the keys and the billed-on column: a page of 1,000 rows a request, so a
    /// due-period check pays a request for every 1,000 adjustments ever stored instead of one for each account it closes. Beyond
    /// <see cref="MaxScannedRows"/> rows it gives up (null), and every close lists its own as before.</remarks>
    public async Task<IReadOnlySet<string>?> ListAccountsWithUnbilledAsync(CancellationToken cancellationToken)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var scanned = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter: (string?)null, maxPerPage: 1000, select: ["PartitionKey", BilledOnProperty], cancellationToken: cancellationToken))
        {
            if (++scanned > MaxScannedRows)
            {
                return null;
            }

            if (row.GetString(BilledOnProperty) is null)
            {
                accounts.Add(TableKeys.Unescape(row.PartitionKey));
            }
        }

        return accounts;
    }

    /// <summary>The most rows <see cref="ListAccountsWithUnbilledAsync"/> reads (50 requests).</summary>
    public const int MaxScannedRows = 50_000;

    private static PendingAdjustment Read(TableEntity row) =>
        JsonDocumentEntity.Read<PendingAdjustment>(row) with { BilledOnInvoiceId = row.GetString(BilledOnProperty) };
}
