using Azure;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>The number of ledger tables a storage account was first used with (<see cref="LedgerTables"/>), recorded once in
/// <c>StorageLayout</c>, and the start-up check that refuses another.</summary>
/// <remarks>The count decides which table holds a claim: read with another count, a redelivered call's claim would be looked for in the
/// wrong table and billed twice. So the first start records it (insert-if-absent: of two starts at once, one records and the other
/// reads it), and every start compares. An account used before the count was recorded keeps everything in <c>EventIdentities</c> and
/// <c>Usage</c>: when either holds a row (one top-1 query each), it is recorded as 1.</remarks>
public static class LedgerLayoutRecord
{
    private const string Partition = "ledger";
    private const string Row = "tables";
    private const string CountColumn = "Count";

    /// <summary>Records <paramref name="layout"/> on an account that has none, or checks it against the recorded count.</summary>
    /// <exception cref="InvalidOperationException">The account was used with another count.</exception>
    public static async Task EnsureAsync(TableServiceClient tables, LedgerTables layout, CancellationToken cancellationToken)
    {
        var record = tables.GetTableClient(StorageNames.StorageLayoutTable);
        var recorded = await ReadAsync(record, cancellationToken);
        if (recorded is null)
        {
            var count = await HoldsRowsAsync(tables, StorageNames.EventIdentitiesTable, cancellationToken)
                || await HoldsRowsAsync(tables, StorageNames.UsageTable, cancellationToken)
                ? LedgerTables.Single.Count
                : layout.Count;
            try
            {
                await record.AddEntityAsync(new TableEntity(Partition, Row) { [CountColumn] = count }, cancellationToken);
                recorded = count;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                recorded = await ReadAsync(record, cancellationToken);
            }
        }

        if (recorded != layout.Count)
        {
            throw new InvalidOperationException(
                $"Storage:LedgerTables (Storage__LedgerTables) is {layout.Count}, but this storage account's claims and usage rows are kept in {recorded} " +
                $"table(s) (recorded in {StorageNames.StorageLayoutTable}): set it to {recorded}. The count decides which table holds each claim, so " +
                "another would miss duplicates; it changes only with a new storage account.");
        }
    }

    private static async Task<int?> ReadAsync(TableClient record, CancellationToken cancellationToken)
    {
        var row = await record.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.GetInt32(CountColumn) : null;
    }

    /// <summary>Whether <paramref name="table"/> holds a row: pages of one row, keys only (a page may come back empty with a token, so
    /// it reads on); a missing table holds none.</summary>
    private static async Task<bool> HoldsRowsAsync(TableServiceClient tables, string table, CancellationToken cancellationToken)
    {
        try
        {
            var pages = tables.GetTableClient(table).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken);
            await foreach (var page in pages.AsPages(pageSizeHint: 1))
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }
}
