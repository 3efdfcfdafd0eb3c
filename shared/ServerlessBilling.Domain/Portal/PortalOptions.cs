using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>How portal links and sessions are signed and how long they live.</summary>
/// <param name="SigningKey">The HMAC-SHA256 key links, sessions and form tokens are signed with (at least 32 bytes).</param>
/// <param name="LinkLifetime">How long an issued link can be redeemed.</param>
/// <param name="SessionLifetime">How long a session lasts after redemption; it is not extended by use.</param>
/// <param name="RedemptionsPerMinute">Redemption attempts one client may make per minute, good or bad.</param>
public sealed record PortalOptions(ReadOnlyMemory<byte> SigningKey, Duration LinkLifetime, Duration SessionLifetime, int RedemptionsPerMinute)
{
    /// <summary>The shortest key accepted: the HMAC-SHA256 block of security.</summary>
    public const int MinimumKeyBytes = 32;

    public static Duration DefaultLinkLifetime { get; } = Duration.FromMinutes(15);

    public static Duration DefaultSessionLifetime { get; } = Duration.FromMinutes(30);

    public const int DefaultRedemptionsPerMinute = 10;
}
