using NodaTime;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Access;

/// <summary>API keys by id, with the hash of their secret.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key; false (and nothing written) when a key with its id exists already.</summary>
    Task<bool> TryCreateAsync(StoredApiKey key, CancellationToken cancellationToken);

    /// <summary>The key with <paramref name="id"/>, revoked or not; null when there is none.</summary>
    Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>One page of every key, revoked ones included, in creation order (then id).</summary>
    Task<ListPage<ApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at <paramref name="at"/>; a key revoked before keeps its first revocation time.</summary>
    /// <returns>The key as stored after; null when there is no such key.</returns>
    Task<ApiKey?> RevokeAsync(string id, Instant at, CancellationToken cancellationToken);

    /// <summary>Records that the key authenticated a request at <paramref name="at"/>; a later time already stored is kept, and a key
    /// that no longer exists is ignored.</summary>
    Task RecordUseAsync(string id, Instant at, CancellationToken cancellationToken);
}
