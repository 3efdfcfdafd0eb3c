using NodaTime;

namespace ServerlessBilling.Functions.Portal;

/// <summary>An account's portal links revoked: every link issued before <paramref name="RevokedBefore"/> is refused.</summary>
public sealed record PortalRevocation(string AccountId, Instant RevokedBefore);
