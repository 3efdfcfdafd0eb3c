using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Storage;

/// <summary>The payment lists' index in the <c>Receivables</c> table: one row per payment entry under
/// <c>payments|account|{accountId}</c> and one under <c>payments|day|{yyyy-MM-dd}</c> (the entry's UTC day), row key
/// <see cref="InvoicePayment.OrderKey"/>, so both partitions read in time order.</summary>
/// <remarks>The rows live in other partitions than their receivable, so no entity-group transaction can hold both. They are
/// written first (one transaction per partition) whenever a receivable's entries change, and a settled charge that moved to
/// a later time drops its old rows once the receivable is stored. A crash in between leaves rows ahead of their receivable:
/// a listing re-reads each receivable, skips a row whose entry is not there at that time, and rewrites a row whose status
/// the receivable contradicts, so the index repairs itself where it is read.</remarks>
internal sealed class ReceivablePaymentIndex(TableClient table, Func<string, CancellationToken, Task<Receivable?>> find)
{
    private const int MaxTransaction = 100;
    private const string FirstDay = "0001-01-01";
    private const string LastDay = "9999-12-31";

    /// <summary>Upserts the rows of every entry of <paramref name="receivable"/>.</summary>
    public async Task WriteAsync(Receivable receivable, CancellationToken cancellationToken)
    {
        foreach (var partition in receivable.Entries.SelectMany(e => RowsOf(receivable, e)).GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxTransaction))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
            }
        }
    }

    /// <summary>Deletes the rows of entries of <paramref name="before"/> that <paramref name="after"/> keeps under another key (a charge that settled later).</summary>
    public async Task DropMovedAsync(Receivable before, Receivable after, CancellationToken cancellationToken)
    {
        var kept = after.Entries.SelectMany(e => RowsOf(after, e)).Select(r => (r.PartitionKey, r.RowKey)).ToHashSet();
        foreach (var row in before.Entries.SelectMany(e => RowsOf(before, e)).Where(r => !kept.Contains((r.PartitionKey, r.RowKey))))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
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
        var receivables = new Dictionary<string, Receivable?>(StringComparer.Ordinal);
        return TablePaging.ReadAsync(table, query, page, async (row, cancel) =>
        {
            var invoiceId = row.GetString("InvoiceId");
            if (!receivables.TryGetValue(invoiceId, out var receivable))
            {
                receivables[invoiceId] = receivable = await find(invoiceId, cancel);
            }

            var entryId = row.GetString("EntryId");
            if (receivable?.Entries.FirstOrDefault(e => e.Id == entryId) is not { } entry || TableKeys.Escape(InvoicePayment.KeyOf(invoiceId, entry)) != row.RowKey)
            {
                return null;
            }

            if (row.GetString("Status") != entry.Status.ToString())
            {
                await table.UpsertEntityAsync(RowOf(row.PartitionKey, receivable, entry), TableUpdateMode.Replace, cancel);
            }

            return filter.Matches(receivable, entry) ? InvoicePayment.Of(receivable, entry) : null;
        }, cancellationToken);
    }

    private static IEnumerable<TableEntity> RowsOf(Receivable receivable, PaymentEntry entry)
    {
        yield return RowOf(ByAccount(receivable.AccountId), receivable, entry);
        yield return RowOf(ByDay(Day(entry.At.InUtc().Date)), receivable, entry);
    }

    private static TableEntity RowOf(string partitionKey, Receivable receivable, PaymentEntry entry) =>
        new(partitionKey, TableKeys.Escape(InvoicePayment.KeyOf(receivable.InvoiceId, entry)))
        {
            ["InvoiceId"] = receivable.InvoiceId,
            ["EntryId"] = entry.Id,
            ["AccountId"] = receivable.AccountId,
            ["Status"] = entry.Status.ToString(),
        };

    private static string ByAccount(string accountId) => TableKeys.Escape("payments|account|" + accountId);

    private static string ByDay(string day) => "payments|day|" + day;

    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
