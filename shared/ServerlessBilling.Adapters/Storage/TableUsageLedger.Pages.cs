using System.Globalization;
using Azure.Data.Tables;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>The usage ledger read a page at a time: one account's rows, or every account's.</summary>
public sealed partial class TableUsageLedger
{
    /// <remarks>One account's rows are in one table, read with its range query, a pack's calls counted one by one and a page ending
    /// inside a pack where need be (<see cref="UsagePages"/>, whose cursor this is). Every account's rows are read table after table:
    /// with several <see cref="LedgerTables"/> the cursor is <c>{table}:{the table's cursor}</c> (opaque to callers), the rows come in
    /// key order within a table, and tables with nothing more to read are skipped.</remarks>
    public async Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        if (accountId is not null || layout.Count == 1)
        {
            var (rows, next) = await ReadPageAsync(accountId is null ? usageTables[0] : TableOf(accountId), accountId, continuationToken, pageSize, cancellationToken);
            return new UsagePage(rows, next);
        }

        var (table, inner) = ParseCursor(continuationToken);
        while (true)
        {
            var (rows, next) = await ReadPageAsync(usageTables[table], accountId: null, inner, pageSize, cancellationToken);
            var cursor = next is not null ? Cursor(table, next) : table + 1 < usageTables.Length ? Cursor(table + 1, null) : null;
            if (rows.Count > 0 || cursor is null)
            {
                return new UsagePage(rows, cursor);
            }

            (table, inner) = ParseCursor(cursor);
        }
    }

    private static Task<(IReadOnlyList<RatedUsage> Rows, string? Next)> ReadPageAsync(
        TableClient usage, string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        new UsagePages(usage, AccountFilter(accountId), manyPartitions: true) { Keep = r => accountId is null || r.AccountId == accountId }
            .ReadAsync(continuationToken, pageSize, cancellationToken);

    private static string Cursor(int table, string? inner) => string.Create(CultureInfo.InvariantCulture, $"{table}:{inner}");

    private (int Table, string? Inner) ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return (0, null);
        }

        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var table) && table < usageTables.Length
            ? (table, colon + 1 < cursor.Length ? cursor[(colon + 1)..] : null)
            : throw new ArgumentException($"'{cursor}' is not a cursor of the usage list.", nameof(cursor));
    }

    /// <summary>The account's partitions are <c>{account}|{period}</c>, between <c>{account}|</c> and <c>{account}}</c> ('}' sorts right
    /// after '|'). An account whose id goes on with '|' shares that range, so the rows read are also checked by account.</summary>
    private static string? AccountFilter(string? accountId)
    {
        if (accountId is null)
        {
            return null;
        }

        var prefix = TableKeys.Escape(accountId);
        return $"PartitionKey ge {TableKeys.Literal(prefix + "|")} and PartitionKey lt {TableKeys.Literal(prefix + "}")}";
    }
}
