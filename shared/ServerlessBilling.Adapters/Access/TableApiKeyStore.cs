using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Access;

/// <summary>API keys in <c>ApiKeys</c>: one partition (a reseller has a handful of keys), row = key id, the secret's SHA-256 beside the key.</summary>
/// <remarks>Revocation and last use change a row under its ETag and try again when another request got there first, so a revocation is
/// never overwritten by a use recorded at the same moment.</remarks>
public sealed class TableApiKeyStore(TableServiceClient tables) : IApiKeyStore
{
    private const string Partition = "key";
    private readonly TableClient keys = tables.GetTableClient(StorageNames.ApiKeysTable);

    public async Task<bool> TryCreateAsync(StoredApiKey key, CancellationToken cancellationToken)
    {
        try
        {
            await keys.AddEntityAsync(Write(key), cancellationToken);
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

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<ApiKey>();
        await foreach (var row in keys.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            found.Add(Read(row).Key);
        }

        return [.. found.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
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
