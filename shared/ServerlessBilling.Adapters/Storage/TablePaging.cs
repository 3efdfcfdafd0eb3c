using Azure.Data.Tables;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Storage;

/// <summary>Reads one page of a Table query through the service's continuation tokens, never more rows than the page asks for.</summary>
/// <remarks>A query may return fewer rows than asked with a token (a filter the service applies within a scan, a partition
/// boundary), and a reader may drop rows (an index row whose source moved on); the page is filled by asking again for
/// what is still missing, so it ends on a row boundary the next token resumes from exactly.</remarks>
internal static class TablePaging
{
    public static Task<ListPage<T>> ReadAsync<T>(TableClient table, string filter, PageRequest page, Func<TableEntity, T?> read, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync(table, filter, page, (row, _) => ValueTask.FromResult(read(row)), cancellationToken);

    /// <param name="read">The item a row stands for; null to leave the row out of the page.</param>
    public static async Task<ListPage<T>> ReadAsync<T>(
        TableClient table, string filter, PageRequest page, Func<TableEntity, CancellationToken, ValueTask<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page.Limit, 1000);
        var items = new List<T>(page.Limit);
        var token = page.ContinuationToken;
        do
        {
            (var rows, token) = await OneRequestAsync(table, filter, token, page.Limit - items.Count, cancellationToken);
            foreach (var row in rows)
            {
                if (await read(row, cancellationToken) is { } item)
                {
                    items.Add(item);
                }
            }
        }
        while (items.Count < page.Limit && token is not null);

        return new ListPage<T>(items, token);
    }

    /// <summary>The rows one request returns from <paramref name="continuationToken"/> on (the start when null), at most
    /// <paramref name="rows"/>, and the token to go on from: null when there is nothing more.</summary>
    /// <remarks>The rows may be fewer than asked, none even, with a token (a partition boundary, a filter applied within a scan).</remarks>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> OneRequestAsync(
        TableClient table, string? filter, string? continuationToken, int rows, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, rows, cancellationToken: cancellationToken).AsPages(continuationToken, rows))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The filter for every row of one partition.</summary>
    public static string Partition(string partitionKey) => $"PartitionKey eq {TableKeys.Literal(partitionKey)}";
}
