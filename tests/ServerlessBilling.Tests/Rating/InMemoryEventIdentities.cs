using System.Collections.Concurrent;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Event identities in memory: one claim per (event id, component), first come first claimed.</summary>
public sealed class InMemoryEventIdentities : IEventIdentities
{
    private readonly ConcurrentDictionary<EventIdentity, IdentityClaim> claims = new();

    public Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        return Task.FromResult(claims.TryAdd(claim.Identity, claim) ? null : claims[claim.Identity]);
    }

    public Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken) =>
        Task.FromResult(claims.GetValueOrDefault(identity));

    /// <summary>Like the table, throws for an identity never claimed rather than claiming it.</summary>
    public Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        if (!claims.ContainsKey(claim.Identity))
        {
            throw new KeyNotFoundException($"The identity {claim.Identity} was never claimed.");
        }

        claims[claim.Identity] = claim;
        return Task.CompletedTask;
    }
}
