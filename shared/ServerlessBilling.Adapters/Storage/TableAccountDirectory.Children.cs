using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Storage;

/// <summary>Listing a parent's children through its index partition (<c>children|{parentId}</c>), repairing what a crash mid-move left.</summary>
public sealed partial class TableAccountDirectory
{
    /// <summary>How old an index row whose account row does not exist must be before a listing removes it. A create writes the index
    /// row and then the account row within seconds; 15 minutes is beyond the longest a Consumption-plan function may run (10 minutes),
    /// so a row this old names a create that stopped and was never sent again, not one still in progress.</summary>
    public static readonly Duration OrphanedChildIndexAge = Duration.FromMinutes(15);

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
    /// undone. An index row whose account is missing is what a create in progress looks like, so listings skip it; once it is older than
    /// <see cref="OrphanedChildIndexAge"/> it is a create that stopped after its index write and was never sent again, and it is removed
    /// (<see cref="RemoveOrphanAsync"/>).
    /// </remarks>
    private async Task<Account?> ChildOrRepairAsync(string parentId, TableEntity row, CancellationToken cancellationToken)
    {
        var childId = JsonDocumentEntity.Read<Account>(row).Id;
        var accountRow = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, TableKeys.Escape(childId), cancellationToken: cancellationToken);
        if (!accountRow.HasValue)
        {
            await RemoveOrphanAsync(parentId, row, cancellationToken);
            return null;
        }

        var child = JsonDocumentEntity.Read<Account>(accountRow.Value!);
        if (child.ParentAccountId == parentId)
        {
            return child;
        }

        if (row.Timestamp < accountRow.Value!.Timestamp)
        {
            await DeleteReadRowAsync(row, cancellationToken);
        }

        return null;
    }

    /// <summary>Removes an index row whose account row does not exist, once it is older than <see cref="OrphanedChildIndexAge"/>.</summary>
    /// <remarks>The delete is guarded by the ETag the row was read with, so a create sent again meanwhile (which rewrites the row) keeps
    /// it. A create that was only slow and wrote its account row between this listing's read and its delete would lose its index row:
    /// the account row is read again after the delete, and the index row restored from it when it names this parent.</remarks>
    private async Task RemoveOrphanAsync(string parentId, TableEntity row, CancellationToken cancellationToken)
    {
        if (row.Timestamp is not { } written || clock.GetCurrentInstant() - Instant.FromDateTimeOffset(written) < OrphanedChildIndexAge
            || !await DeleteReadRowAsync(row, cancellationToken))
        {
            return;
        }

        var accountRow = await accounts.GetEntityIfExistsAsync<TableEntity>(AccountPartition, row.RowKey, cancellationToken: cancellationToken);
        if (accountRow.HasValue && JsonDocumentEntity.Read<Account>(accountRow.Value!) is { } created && created.ParentAccountId == parentId)
        {
            try
            {
                await accounts.AddEntityAsync(JsonDocumentEntity.Create(row.PartitionKey, row.RowKey, created), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // A write of the account rewrote its index row already.
            }
        }
    }

    /// <summary>Deletes an index row under the ETag it was read with; false when another listing removed it, or a write rewrote it, since.</summary>
    private async Task<bool> DeleteReadRowAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await accounts.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // It is not this listing's to delete.
            return false;
        }
    }
}
