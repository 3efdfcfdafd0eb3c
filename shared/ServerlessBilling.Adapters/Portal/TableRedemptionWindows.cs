using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Storage;

/// <summary>Redemption windows in <c>PortalRedemptions</c>: partition = the portal (a fingerprint of its signing key), row = the client, holding
/// the current minute and its count; a new minute replaces the row, so the table keeps one row per client, never one per attempt.</summary>
/// <remarks>Every instance of one deployment signs links with the same key and so counts in the same partition; hosts with keys of their
/// own (a local host's random key, each test's) count apart even on shared storage. Writes are optimistic under the row's ETag and
/// retried, so attempts at once on several instances are each counted.</remarks>
public sealed class TableRedemptionWindows(TableServiceClient tables, string portal) : IRedemptionWindows
{
    private readonly TableClient windows = tables.GetTableClient(StorageNames.PortalRedemptionsTable);

    /// <summary>The partition of the portal whose links are signed with <paramref name="signingKey"/>: a digest, never the key.</summary>
    public static string PortalOf(ReadOnlySpan<byte> signingKey) => Convert.ToHexStringLower(SHA256.HashData(signingKey))[..32];

    public async Task<int> CountAsync(string client, long minute, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(client);
        while (true)
        {
            var stored = await windows.GetEntityIfExistsAsync<TableEntity>(portal, row, cancellationToken: cancellationToken);
            var current = stored.HasValue ? stored.Value : null;
            var count = current is not null && current.GetInt64("Minute") == minute ? current.GetInt32("Count")!.Value + 1 : 1;
            var entity = new TableEntity(portal, row) { ["Minute"] = minute, ["Count"] = count };
            try
            {
                if (current is null)
                {
                    await windows.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await windows.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return count;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance counted first: count again on what it stored.
            }
        }
    }

    /// <remarks>One query over the table (every portal's partition: a rotated signing key leaves its windows behind) and a delete per
    /// ended row under the ETag it was read with, so a row a client rewrote since is kept; transactions would save requests but one
    /// row rewritten meanwhile would fail its whole batch, and this runs once a day on a table of recent clients.</remarks>
    public async Task<int> ForgetEndedAsync(long before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var ended = windows.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Minute lt {before}"), cancellationToken: cancellationToken);
        await foreach (var row in ended)
        {
            try
            {
                await windows.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or counted again since it was read: either way not an ended window to delete.
            }
        }

        return deleted;
    }
}
