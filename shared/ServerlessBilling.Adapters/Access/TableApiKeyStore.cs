using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Paging;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Access;

/// <summary>API keys in <c>ApiKeys</c>: one partition (a reseller has a handful of keys), row = key id, the secret's SHA-256 beside the key.</summary>
/// <remarks>The list reads an index by creation time in the same partition (<c>created|{time to the tick}|{id}</c>), added in one
/// entity-group transaction with its key, so no crash leaves a key out of the list or an index row without its key. Keys
/// stored before the index are indexed by the first listing, which then writes <c>created|complete</c> so no later one scans
/// for them again. Revocation and last use change a row under its ETag and try again when another request got there first, so a revocation is
/// never overwritten by a use recorded at the same moment.</remarks>
public sealed class TableApiKeyStore(TableServiceClient tables) : IApiKeyStore
{
    private const string Partition = "key";
    private const string IndexPrefix = "created|";
    private const string IndexComplete = "created|complete";
    private static readonly InstantPattern FixedWidth = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'");
    private readonly TableClient keys = tables.GetTableClient(StorageNames.ApiKeysTable);

    public async Task<bool> TryCreateAsync(StoredApiKey key, CancellationToken cancellationToken)
    {
        try
        {
            await keys.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, Write(key)), new TableTransactionAction(TableTransactionActionType.Add, IndexRow(key.Key))],
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var row = await keys.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    public async Task<ListPage<ApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        if (page.ContinuationToken is null)
        {
            await IndexEarlierKeysAsync(cancellationToken);
        }

        // 'created|' to 'created|9': the times, never the completion marker.
        var filter = $"{TablePaging.Partition(Partition)} and RowKey gt '{IndexPrefix}' and RowKey lt '{IndexPrefix}9'";
        return await TablePaging.ReadAsync(keys, filter, page, async (row, cancel) =>
            (await FindAsync(row.GetString("Id"), cancel))?.Key, cancellationToken);
    }

    /// <summary>Indexes keys stored before the index existed, once: the marker is written after them, so a crash only repeats it.</summary>
    private async Task IndexEarlierKeysAsync(CancellationToken cancellationToken)
    {
        if ((await keys.GetEntityIfExistsAsync<TableEntity>(Partition, IndexComplete, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }

        var rows = new List<TableTransactionAction>();
        await foreach (var row in keys.QueryAsync<TableEntity>($"{TablePaging.Partition(Partition)} and (RowKey lt '{IndexPrefix}' or RowKey ge 'created}}')", cancellationToken: cancellationToken))
        {
            rows.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(Read(row).Key)));
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await keys.SubmitTransactionAsync(chunk, cancellationToken);
        }

        await keys.UpsertEntityAsync(new TableEntity(Partition, IndexComplete), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ApiKey?> RevokeAsync(string id, Instant at, CancellationToken cancellationToken) =>
        await ChangeAsync(id, key => key.IsRevoked ? key : key with { RevokedAt = at }, cancellationToken);

    public async Task RecordUseAsync(string id, Instant at, CancellationToken cancellationToken) =>
        await ChangeAsync(id, key => key.LastUsedAt >= at ? key : key with { LastUsedAt = at }, cancellationToken);

    private async Task<ApiKey?> ChangeAsync(string id, Func<ApiKey, ApiKey> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await keys.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }

            var stored = Read(row.Value!);
            var changed = change(stored.Key);
            if (changed == stored.Key)
            {
                return changed;
            }

            try
            {
                await keys.UpdateEntityAsync(Write(stored with { Key = changed }), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                // Changed or deleted since it was read: read it again.
            }
        }
    }

    private static TableEntity IndexRow(ApiKey key) =>
        new(Partition, TableKeys.Escape($"{IndexPrefix}{FixedWidth.Format(key.CreatedAt)}|{key.Id}")) { ["Id"] = key.Id };

    private static TableEntity Write(StoredApiKey stored) => new(Partition, TableKeys.Escape(stored.Key.Id))
    {
        ["Id"] = stored.Key.Id,
        ["Name"] = stored.Key.Name,
        ["Scope"] = stored.Key.Scope.ToString(),
        ["AccountId"] = stored.Key.AccountId,
        ["SecretHash"] = stored.SecretHash,
        ["CreatedAt"] = stored.Key.CreatedAt.ToDateTimeOffset(),
        ["LastUsedAt"] = stored.Key.LastUsedAt?.ToDateTimeOffset(),
        ["RevokedAt"] = stored.Key.RevokedAt?.ToDateTimeOffset(),
    };

    private static StoredApiKey Read(TableEntity row) => new(
        new ApiKey(
            row.GetString("Id"),
            row.GetString("Name"),
            Enum.Parse<ApiKeyScope>(row.GetString("Scope")),
            row.GetString("AccountId"),
            Instant.FromDateTimeOffset(row.GetDateTimeOffset("CreatedAt")!.Value),
            row.GetDateTimeOffset("LastUsedAt") is { } used ? Instant.FromDateTimeOffset(used) : null,
            row.GetDateTimeOffset("RevokedAt") is { } revoked ? Instant.FromDateTimeOffset(revoked) : null),
        row.GetString("SecretHash"));
}
