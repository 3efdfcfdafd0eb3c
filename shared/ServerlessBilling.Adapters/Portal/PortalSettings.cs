using System.Security.Cryptography;
using NodaTime;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Portal;

/// <summary>Section <c>Portal</c>: the key portal links and sessions are signed with, and how long each lives.</summary>
/// <remarks>Without <see cref="SigningKey"/> the host makes a random key when it starts: links and sessions then last only as long
/// as that process, which suits one local host and nothing else. Azure reads the key from Key Vault, so every instance shares it;
/// a Key Vault reference that did not resolve (the secret is not set yet) counts as unset rather than stopping the app or,
/// worse, becoming a key anyone can read in the template.</remarks>
public sealed class PortalSettings : ISettingsSection
{
    public static string Section => "Portal";

    /// <summary>The HMAC key: any text of at least 32 characters (<c>openssl rand -base64 48</c>), used as its UTF-8 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an issued link can be redeemed, in minutes (default 15, at most 1440).</summary>
    public int? LinkLifetimeMinutes { get; set; }

    /// <summary>How long a session lasts after redemption, in minutes (default 30, at most 720).</summary>
    public int? SessionLifetimeMinutes { get; set; }

    /// <summary>Redemption attempts per client address and minute (default 10).</summary>
    public int? RedemptionsPerMinute { get; set; }

    public IEnumerable<string> Problems()
    {
        if (SettingText.IsSet(SigningKey) && KeyBytes() is not { Length: >= PortalOptions.MinimumKeyBytes })
        {
            yield return $"Portal:SigningKey: must be at least {PortalOptions.MinimumKeyBytes} characters.";
        }

        if (LinkLifetimeMinutes is <= 0 or > 1440)
        {
            yield return "Portal:LinkLifetimeMinutes: must be from 1 to 1440 (a day).";
        }

        if (SessionLifetimeMinutes is <= 0 or > 720)
        {
            yield return "Portal:SessionLifetimeMinutes: must be from 1 to 720 (12 hours).";
        }

        if (RedemptionsPerMinute is <= 0)
        {
            yield return "Portal:RedemptionsPerMinute: must be at least 1.";
        }
    }

    public PortalOptions ToOptions() => new(
        KeyBytes() ?? RandomNumberGenerator.GetBytes(PortalOptions.MinimumKeyBytes),
        LinkLifetimeMinutes is { } link ? Duration.FromMinutes(link) : PortalOptions.DefaultLinkLifetime,
        SessionLifetimeMinutes is { } session ? Duration.FromMinutes(session) : PortalOptions.DefaultSessionLifetime,
        RedemptionsPerMinute ?? PortalOptions.DefaultRedemptionsPerMinute);

    private byte[]? KeyBytes() =>
        SettingText.IsSet(SigningKey) && !SigningKey!.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetBytes(SigningKey.Trim())
            : null;
}
