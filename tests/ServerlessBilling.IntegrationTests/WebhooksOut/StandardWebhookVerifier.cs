using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>A receiver's check of a signed webhook, written from the Standard Webhooks specification and nothing of the
/// product's: docs/api.md shows the code between the markers below, and a test keeps the two the same.</summary>
public static class StandardWebhookVerifier
{
    // docs:begin verifier
    /// <summary>True when the webhook is signed with <paramref name="secret"/> (as shown once by the billing API,
    /// <c>whsec_...</c>) and was sent within five minutes of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string id, string timestamp, string signatures, string body, DateTimeOffset now)
    {
        // Refuse stale or future timestamps: a replayed request carries its old timestamp.
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 5 * 60)
        {
            return false;
        }

        // The key is the base64 after "whsec_", decoded; what is signed is "{id}.{timestamp}.{body}" (the raw body, unparsed).
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));

        // "v1,<base64>" entries separated by spaces: during a secret rotation there is one per valid secret.
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(',', 2);
            if (parts is ["v1", var signature]
                && Convert.TryFromBase64String(signature, new byte[32], out var length) && length == 32
                && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(signature), expected))
            {
                return true;
            }
        }

        return false;
    }
    // docs:end verifier

    /// <summary>The same check over a request the test receiver got.</summary>
    public static bool Verify(string secret, ReceivedWebhook webhook, DateTimeOffset now) =>
        Verify(secret, webhook.Headers["webhook-id"], webhook.Headers["webhook-timestamp"], webhook.Headers["webhook-signature"], webhook.Body, now);
}
