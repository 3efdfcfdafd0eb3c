using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>The payment lists' index in the <c>Receivables</c> table: one row per payment entry and status under
/// <c>payments|account|{accountId}</c> and one under <c>payments|day|{yyyy-MM-dd}</c> (the entry's UTC day), row key
/// <see cref="InvoicePayment.OrderKey"/> then the status, so both partitions read in time order.</summary>
/// <remarks>The rows live in other partitions than their receivable, so no entity-group transaction can hold both. A change
/// of a receivable's entries first adds the rows it will need (a new entry, a new status, a later settling time) beside the
/// old ones, then the receivable is replaced, then the rows it no longer needs are deleted. Whatever step a crash stops at,
/// the row of each entry's stored status exists: a list may read a row too many, never one too few. Each added row keeps
/// <c>Base</c>, the ETag of the receivable it was written ahead of. A listing re-reads each receivable and skips a row that
/// does not match it; it also deletes such a row unless the receivable still has that ETag (the write the row was added for
/// may still land), and only if the row is unchanged since read (a writer may just have added it again).</remarks>
internal sealed class ReceivablePaymentIndex(TableClient table, Func<string, CancellationToken, Task<(Receivable Receivable, ETag ETag)?>> find)
{
    private const int MaxTransaction = 100;
    private const string FirstDay = "0001-01-01";
    private const string LastDay = "9999-12-31";

    /// <summary>The <c>Base</c> of rows written ahead of a receivable that is not stored yet.</summary>
    private const string NoReceivable = "";

    /// <summary>Adds the rows <paramref name="after"/> needs that <paramref name="before"/> (null: nothing stored yet, ETag
    /// <paramref name="baseETag"/>) has not, before the receivable is written.</summary>
    public async Task AddAheadAsync(Receivable? before, Receivable after, ETag? baseETag, CancellationToken cancellationToken)
    {
        var had = KeysOf(before);
        var added = RowsOf(after, baseETag?.ToString() ?? NoReceivable).Where(r => !had.Contains((r.PartitionKey, r.RowKey)));
        foreach (var partition in added.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxTransaction))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
            }
        }
    }

    /// <summary>Deletes the rows of <paramref name="before"/> that <paramref name="after"/> no longer needs (an old status, an
    /// earlier time), once the receivable is stored; one at a time, as a listing may have deleted some already.</summary>
    public async Task DropBehindAsync(Receivable before, Receivable after, CancellationToken cancellationToken)
    {
        var kept = KeysOf(after);
        foreach (var entry in before.Entries)
        {
            foreach (var partition in PartitionsOf(before, entry).Where(p => !kept.Contains((p, KeyOf(before, entry)))))
            {
                await table.DeleteEntityAsync(partition, KeyOf(before, entry), ETag.All, cancellationToken);

                // A row written before the status was part of the key goes with the entry's old status or time.
                await table.DeleteEntityAsync(partition, LegacyKeyOf(before, entry), ETag.All, cancellationToken);
            }
        }
    }

    public Task<ListPage<InvoicePayment>> ListAsync(PaymentListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var query = filter.AccountId is { } accountId
            ? TablePaging.Partition(ByAccount(accountId))
                + (filter.From is { } from ? $" and RowKey ge '{Day(from)}'" : "")
                + (filter.To is { } to ? $" and RowKey lt '{Day(to.PlusDays(1))}'" : "")
            : $"PartitionKey ge '{ByDay(filter.From is { } first ? Day(first) : FirstDay)}' and PartitionKey le '{ByDay(filter.To is { } last ? Day(last) : LastDay)}'";
        query += filter.Status is { } status ? $" and Status eq '{status}'" : "";

        // Entries of one invoice usually sit side by side: read its receivable once per page.
        var receivables = new Dictionary<string, (Receivable Receivable, ETag ETag)?>(StringComparer.Ordinal);
        return TablePaging.ReadAsync(table, query, page, async (row, cancel) =>
        {
            var invoiceId = row.GetString("InvoiceId");
            if (!receivables.TryGetValue(invoiceId, out var stored))
            {
                receivables[invoiceId] = stored = await find(invoiceId, cancel);
            }

            var entryId = row.GetString("EntryId");
            if (stored?.Receivable is { } receivable && receivable.Entries.FirstOrDefault(e => e.Id == entryId) is { } entry && Matches(row, receivable, entry))
            {
                return filter.Matches(receivable, entry) ? InvoicePayment.Of(receivable, entry) : null;
            }

            if (row.GetString("Base") != (stored?.ETag.ToString() ?? NoReceivable))
            {
                await DeleteStaleAsync(row, cancel);
            }

            return null;
        }, cancellationToken);
    }

    /// <summary>Whether <paramref name="row"/> is the row of <paramref name="entry"/> as stored: its time and status.</summary>
    private static bool Matches(TableEntity row, Receivable receivable, PaymentEntry entry) =>
        row.RowKey == KeyOf(receivable, entry)
        || (row.RowKey == LegacyKeyOf(receivable, entry) && row.GetString("Status") == entry.Status.ToString());

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

    private static HashSet<(string PartitionKey, string RowKey)> KeysOf(Receivable? receivable) =>
        receivable is null ? [] : RowsOf(receivable, NoReceivable).Select(r => (r.PartitionKey, r.RowKey)).ToHashSet();

    private static IEnumerable<TableEntity> RowsOf(Receivable receivable, string baseETag) =>
        receivable.Entries.SelectMany(entry => PartitionsOf(receivable, entry).Select(partition => RowOf(partition, receivable, entry, baseETag)));

    private static string[] PartitionsOf(Receivable receivable, PaymentEntry entry) =>
        [ByAccount(receivable.AccountId), ByDay(Day(entry.At.InUtc().Date))];

    private static TableEntity RowOf(string partitionKey, Receivable receivable, PaymentEntry entry, string baseETag) =>
        new(partitionKey, KeyOf(receivable, entry))
        {
            ["InvoiceId"] = receivable.InvoiceId,
            ["EntryId"] = entry.Id,
            ["AccountId"] = receivable.AccountId,
            ["Status"] = entry.Status.ToString(),
            ["Base"] = baseETag,
        };

    private static string KeyOf(Receivable receivable, PaymentEntry entry) =>
        TableKeys.Escape(InvoicePayment.KeyOf(receivable.InvoiceId, entry) + "|" + entry.Status);

    private static string LegacyKeyOf(Receivable receivable, PaymentEntry entry) => TableKeys.Escape(InvoicePayment.KeyOf(receivable.InvoiceId, entry));

    private static string ByAccount(string accountId) => TableKeys.Escape("payments|account|" + accountId);

    private static string ByDay(string day) => "payments|day|" + day;

    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
