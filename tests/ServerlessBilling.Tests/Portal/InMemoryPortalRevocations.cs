using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

/// <summary>Revocations in a dictionary; the later instant wins, as in the table.</summary>
public sealed class InMemoryPortalRevocations : IPortalRevocations
{
    private readonly ConcurrentDictionary<string, Instant> revoked = new(StringComparer.Ordinal);

    public Task<Instant?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(revoked.TryGetValue(accountId, out var before) ? before : (Instant?)null);

    public Task<Instant> RevokeAsync(string accountId, Instant before, CancellationToken cancellationToken) =>
        Task.FromResult(revoked.AddOrUpdate(accountId, before, (_, stored) => stored >= before ? stored : before));
}
