using Azure.Data.Tables;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of new rows into one partition (<see cref="GroupCommit{TItem}"/>): one entity group transaction a group, so
/// it is atomic and a failure stores none of its rows; each caller is answered with its row's name. With a <paramref name="counter"/>,
/// the counts the group's rows carry are added to the partition's counts row in the same transaction.</summary>
internal sealed class TableRowGroups(TableClient table, int maxRowsPerGroup, TimeSpan groupWindow, ArchivePartitionCounter? counter = null)
    : GroupCommit<TableRowGroups.NewRow>(counter is null ? maxRowsPerGroup : Math.Min(maxRowsPerGroup, MaxRowsWithCounts), MaxGroupBytes, groupWindow)
{
    /// <summary>Content bytes one transaction carries: the service takes 4 MiB a request, and binary columns travel as Base64.</summary>
    public const int MaxGroupBytes = 2 * 1024 * 1024;

    /// <summary>Rows a group carries beside the counts row, within the service's 100 operations a transaction.</summary>
    public const int MaxRowsWithCounts = 99;

    /// <returns><paramref name="name"/>, once the row (and <paramref name="counts"/>, when given) is durable.</returns>
    public Task<string> WriteAsync(TableEntity row, int bytes, string name, CancellationToken cancellationToken, IngestCounts? counts = null) =>
        SubmitAsync(new NewRow(row, bytes, name, counts ?? IngestCounts.None), cancellationToken);

    protected override int BytesOf(NewRow item) => item.Bytes;

    protected override async Task<IReadOnlyList<string>> WriteGroupAsync(IReadOnlyList<NewRow> group, CancellationToken cancellationToken)
    {
        var counts = group.Aggregate(IngestCounts.None, (sum, r) => sum.Plus(r.Counts));
        if (counter is not null && !counts.IsNone)
        {
            var actions = group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r.Row)).ToList();
            actions.Add(await counter.NextAsync(counts, cancellationToken));
            try
            {
                var written = await table.SubmitTransactionAsync(actions, cancellationToken);
                counter.Written(written.Value[^1].Headers.ETag);
            }
            catch (Exception)
            {
                // Stored with its answer lost when the counts row holds this group's counts: its rows are then durable too.
                if (!await counter.StoredAnywayAsync())
                {
                    throw;
                }
            }
        }
        else if (group.Count == 1)
        {
            await table.AddEntityAsync(group[0].Row, cancellationToken);
        }
        else
        {
            await table.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r.Row)), cancellationToken);
        }

        return [.. group.Select(r => r.Name)];
    }

    internal sealed record NewRow(TableEntity Row, int Bytes, string Name, IngestCounts Counts);
}
