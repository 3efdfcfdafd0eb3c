using NodaTime;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Webhooks to the reseller's endpoints, section <c>WebhooksOut</c>; maps to <see cref="WebhookDeliveryOptions"/>.</summary>
public sealed class WebhooksOutSettings : ISettingsSection
{
    public static string Section => "WebhooksOut";

    /// <summary>Whether endpoint URLs may name private, loopback and link-local addresses, and plain http (default false; development and tests only).</summary>
    public bool? AllowPrivateTargets { get; set; }

    /// <summary>How long one attempt may take, connecting included, before it counts as failed (default 15).</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>An endpoint whose deliveries have all failed for this many days is disabled (default 5).</summary>
    public double? DisableAfterDays { get; set; }

    /// <summary>How long the previous secret keeps signing after a rotation (default 24).</summary>
    public double? RotationGraceHours { get; set; }

    /// <summary>The key the endpoints' signing secrets are sealed under (envelope encryption, <see cref="WebhookSecretCipher"/>):
    /// base64 of 32 random bytes. In Azure a Key Vault reference to the secret <c>webhook-secrets-key</c>; unset, secrets are
    /// stored unencrypted (local development).</summary>
    /// <remarks>While the vault secret is not set, the platform leaves the reference's own text as the value: that counts as
    /// unset, as a vendor secret not set yet does, rather than stopping the whole app at start-up.</remarks>
    public string? SecretKey { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds ?? 15);

    public IEnumerable<string> Problems() =>
    [
        .. TimeoutSeconds is < 1 or > 120 ? ["WebhooksOut:TimeoutSeconds: must be from 1 to 120."] : Array.Empty<string>(),
        .. DisableAfterDays is <= 0 or double.NaN ? ["WebhooksOut:DisableAfterDays: must be more than 0."] : Array.Empty<string>(),
        .. RotationGraceHours is < 0 or double.NaN ? ["WebhooksOut:RotationGraceHours: must not be negative."] : Array.Empty<string>(),
        .. IsSet && KeyBytes() is null ? ["WebhooksOut:SecretKey: must be base64 of 32 bytes (openssl rand -base64 32)."] : Array.Empty<string>(),
    ];

    /// <summary>The cipher for the endpoints' secrets: sealing under <see cref="SecretKey"/>, or none when it is unset.</summary>
    public WebhookSecretCipher ToCipher() => IsSet ? new WebhookSecretCipher(KeyBytes()) : WebhookSecretCipher.None;

    private bool IsSet => SecretKey is { Length: > 0 } key && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    private byte[]? KeyBytes()
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(SecretKey ?? "", buffer, out var written) && written == 32 ? buffer[..32] : null;
    }

    public WebhookDeliveryOptions ToOptions()
    {
        var defaults = WebhookDeliveryOptions.Default;
        return defaults with
        {
            DisableAfter = DisableAfterDays is { } days ? Duration.FromDays(days) : defaults.DisableAfter,
            RotationGrace = RotationGraceHours is { } hours ? Duration.FromHours(hours) : defaults.RotationGrace,
            AllowPrivateTargets = AllowPrivateTargets ?? defaults.AllowPrivateTargets,
        };
    }
}
