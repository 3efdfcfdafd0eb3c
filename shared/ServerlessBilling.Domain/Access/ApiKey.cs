using NodaTime;

namespace ServerlessBilling.Access;

/// <summary>An API key as it is shown: everything but its secret, which is shown once when the key is issued and never stored.</summary>
/// <param name="Id">Eight lower-case hex digits; the key's secret starts with <see cref="Prefix"/>, so a person can tell keys apart.</param>
/// <param name="Name">What the key is for (<c>CRM sync</c>), as the reseller named it.</param>
/// <param name="AccountId">For a <see cref="ApiKeyScope.Customer"/> key, the account it sees (with its locations); null otherwise.</param>
/// <param name="LastUsedAt">When the key last authenticated a request, to the minute (<see cref="LastUsedResolution"/>); null if never.</param>
/// <param name="RevokedAt">When the key was revoked; a revoked key authenticates nothing.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    ApiKeyScope Scope,
    string? AccountId,
    Instant CreatedAt,
    Instant? LastUsedAt = null,
    Instant? RevokedAt = null)
{
    /// <summary>How stale <see cref="LastUsedAt"/> may be: it is written at most once per this interval per key, so a busy key costs
    /// one storage write a minute rather than one per request.</summary>
    public static Duration LastUsedResolution { get; } = Duration.FromMinutes(1);

    /// <summary>The visible start of the key's secret, e.g. <c>sb_live_ab12cd34</c>.</summary>
    public string Prefix => ApiKeySecrets.PrefixOf(Id);

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether a use at <paramref name="now"/> should be written: never used, or last written at least <see cref="LastUsedResolution"/> ago.</summary>
    public bool NeedsUseRecorded(Instant now) => LastUsedAt is not { } last || now - last >= LastUsedResolution;
}
