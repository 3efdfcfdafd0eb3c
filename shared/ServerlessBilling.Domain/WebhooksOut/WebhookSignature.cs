using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.WebhooksOut;

/// <summary>The Standard Webhooks signing scheme (standardwebhooks.com): the headers <c>webhook-id</c>, <c>webhook-timestamp</c>
/// and <c>webhook-signature</c>, the latter <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
/// <remarks>The key is the secret's base64 part decoded (the text after <c>whsec_</c>), not its characters. Several signatures
/// (one per valid secret, during a rotation) are separated by spaces, which the specification allows so a receiver can roll
/// its secret without missing a message.</remarks>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64 (the specification asks for 24 to 64 bytes).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key a secret stands for: its base64 part decoded.</summary>
    public static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    /// <summary>One signature, <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</summary>
    /// <param name="timestamp">Seconds since the Unix epoch, as sent in <c>webhook-timestamp</c>.</param>
    public static string Sign(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>The <c>webhook-signature</c> value: one signature per secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, id, timestamp, body)));
}
