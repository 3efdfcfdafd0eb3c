using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Per account, the instant before which every portal link issued (and every session it opened) is refused.</summary>
public interface IPortalRevocations
{
    /// <summary>The account's revocation instant; null when its links were never revoked.</summary>
    Task<Instant?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Refuses the account's links issued before <paramref name="before"/>; an earlier instant than the stored one changes nothing,
    /// so a revocation is never undone by a late retry.</summary>
    /// <returns>The instant now stored.</returns>
    Task<Instant> RevokeAsync(string accountId, Instant before, CancellationToken cancellationToken);
}
