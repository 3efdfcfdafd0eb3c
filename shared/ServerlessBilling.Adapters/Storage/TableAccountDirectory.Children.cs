using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Storage;

/// <summary>Listing a parent's children through its index partition (<c>children|{parentId}</c>), repairing what a crash mid-move left.</summary>
public sealed partial class TableAccountDirectory
{
    public async Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken)
    {
        var children = new List<Account>();
        await foreach (var row in accounts.QueryAsync<TableEntity>(e => e.PartitionKey == ChildrenOf(parentId), cancellationToken: cancellationToken))
        {
            if (await ChildOrRepairAsync(parentId, row, cancellationToken) is { } child)
            {
                children.Add(child);
            }
        }

        return children;
    }

    /// <summary>The child an index row names, read from its own account row (the truth), or null when that row does not name this parent.</summary>
    /// <remarks>
    /// A move writes the new parent's index row, then the account row, then deletes the old parent's index row; a crash before that
    /// delete leaves a stale row here that the retry cannot remove (it no longer knows the old parent). Such a row was written before the
    /// account row that names another parent (or none), so it is deleted when its table timestamp is earlier than the account row's, under
    /// the ETag it was read with. A move back to this parent rewrites the index row before the account row: a rewrite after the account
    /// row's write makes the row newer (kept), one after this read changes its ETag (the delete is refused), so the move back is never
    /// undone. An index row whose account is missing is left alone: it is also what a create in progress looks like; listings skip it.
    /// </remarks>
    private async Task<Account?> ChildOrRepairAsync(string parentId, TableEntity row, CancellationToken cancellationToken)
    {
        var childId = JsonDocumentEntity.Read<Account>(row).Id;
        var accountRow = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, TableKeys.Escape(childId), cancellationToken: cancellationToken);
        if (!accountRow.HasValue)
        {
            return null;
        }

        var child = JsonDocumentEntity.Read<Account>(accountRow.Value!);
        if (child.ParentAccountId == parentId)
        {
            return child;
        }

        if (row.Timestamp < accountRow.Value!.Timestamp)
        {
            try
            {
                await accounts.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Another listing removed it, or a move back rewrote it since it was read: it is not this listing's to delete.
            }
        }

        return null;
    }
}
