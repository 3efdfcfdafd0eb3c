using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>One record per <see cref="EventIdentity"/> across all accounts and periods: the rule that a call is billed at most once.</summary>
/// <remarks>
/// Rating claims an identity before it writes the usage row. A claim is insert-if-absent, so of any number of deliveries,
/// concurrent or years apart, naming any account or start, exactly one claims it; every other finds the claim and is a
/// duplicate (the same billing facts) or a conflict (different ones). A crash between the claim and the usage row leaves a
/// claim without a row: the next delivery of that identity finds the claim, sees the row missing, and writes it.
/// </remarks>
public interface IEventIdentities
{
    /// <returns>Null when this call claimed the identity; otherwise the claim that was there first, unchanged.</returns>
    Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken);

    /// <summary>Claims each identity as <see cref="TryClaimAsync"/> does; a store may write claims that share a partition together.</summary>
    /// <remarks>The identities must differ. A batch that fails on a claim already there is claimed again one by one, so each result
    /// is what <see cref="TryClaimAsync"/> would have answered; a failure part-way leaves some claimed, as separate calls would.</remarks>
    /// <returns>For each claim, in order: null when this call claimed it; otherwise the claim that was there first, unchanged.</returns>
    async Task<IReadOnlyList<IdentityClaim?>> TryClaimAllAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken)
    {
        var results = new IdentityClaim?[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            results[i] = await TryClaimAsync(claims[i], cancellationToken);
        }

        return results;
    }

    /// <returns>The claim of the identity, or null when no delivery has claimed it.</returns>
    Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken);

    /// <summary>Moves a claim to another version (an operator replaced the billed one, or a recovered write landed elsewhere); the claim must exist.</summary>
    Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken);
}
