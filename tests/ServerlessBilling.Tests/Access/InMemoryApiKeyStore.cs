using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Tests.Access;

/// <summary>API keys in a dictionary under one lock, with the table store's rules (<see cref="PortContracts.ApiKeyStoreContract"/>).</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly Dictionary<string, StoredApiKey> keys = new(StringComparer.Ordinal);

    /// <summary>How many times a use was written: the last-used time is written at most once a minute per key.</summary>
    public int UseWrites { get; private set; }

    public Task<bool> TryCreateAsync(StoredApiKey key, CancellationToken cancellationToken)
    {
        lock (keys)
        {
            return Task.FromResult(keys.TryAdd(key.Key.Id, key));
        }
    }

    public Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (keys)
        {
            return Task.FromResult(keys.GetValueOrDefault(id));
        }
    }

    public Task<ListPage<ApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        lock (keys)
        {
            return InMemoryPages.OfAsync([.. keys.Values.Select(k => k.Key)], k => $"{k.CreatedAt.ToUnixTimeTicks():D20}|{k.Id}", page);
        }
    }

    public Task<ApiKey?> RevokeAsync(string id, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(Change(id, key => key.IsRevoked ? key : key with { RevokedAt = at }));

    public Task RecordUseAsync(string id, Instant at, CancellationToken cancellationToken)
    {
        lock (keys)
        {
            UseWrites++;
        }

        Change(id, key => key.LastUsedAt >= at ? key : key with { LastUsedAt = at });
        return Task.CompletedTask;
    }

    private ApiKey? Change(string id, Func<ApiKey, ApiKey> change)
    {
        lock (keys)
        {
            if (!keys.TryGetValue(id, out var stored))
            {
                return null;
            }

            keys[id] = stored with { Key = change(stored.Key) };
            return keys[id].Key;
        }
    }
}
