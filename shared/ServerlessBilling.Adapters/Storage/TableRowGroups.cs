using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of new rows into one partition (<see cref="GroupCommit{TItem}"/>): one entity group transaction a group, so
/// it is atomic and a failure stores none of its rows; each caller is answered with its row's name.</summary>
internal sealed class TableRowGroups(TableClient table, int maxRowsPerGroup, TimeSpan groupWindow)
    : GroupCommit<TableRowGroups.NewRow>(maxRowsPerGroup, MaxGroupBytes, groupWindow)
{
    /// <summary>Content bytes one transaction carries: the service takes 4 MiB a request, and binary columns travel as Base64.</summary>
    public const int MaxGroupBytes = 2 * 1024 * 1024;

    /// <returns><paramref name="name"/>, once the row is durable.</returns>
    public Task<string> WriteAsync(TableEntity row, int bytes, string name, CancellationToken cancellationToken) =>
        SubmitAsync(new NewRow(row, bytes, name), cancellationToken);

    protected override int BytesOf(NewRow item) => item.Bytes;

    protected override async Task<IReadOnlyList<string>> WriteGroupAsync(IReadOnlyList<NewRow> group, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
        {
            await table.AddEntityAsync(group[0].Row, cancellationToken);
        }
        else
        {
            await table.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r.Row)), cancellationToken);
        }

        return [.. group.Select(r => r.Name)];
    }

    internal sealed record NewRow(TableEntity Row, int Bytes, string Name);
}
