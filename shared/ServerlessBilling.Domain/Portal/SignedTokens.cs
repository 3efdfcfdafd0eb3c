using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.Portal;

/// <summary>Tokens of the form <c>base64url(payload).base64url(HMAC-SHA256(key, payload))</c>, and values derived from the key
/// (form tokens): the one signing mechanism behind the portal's links and sessions and the console's sessions.</summary>
/// <remarks>Each user of it puts its own version prefix first in the payload, so tokens signed with one key for different
/// purposes never pass for each other. Signatures and derived values are compared in constant time.</remarks>
public sealed class SignedTokens(ReadOnlyMemory<byte> key)
{
    private const int MaxTokenLength = 1024;

    /// <summary>The signed token carrying <paramref name="payload"/>.</summary>
    public string Seal(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{Base64Url(bytes)}.{Base64Url(Mac(bytes))}";
    }

    /// <summary>The payload of <paramref name="token"/> when its signature verifies; null when it is missing, too long, malformed
    /// or forged.</summary>
    public string? Open(string? token)
    {
        if (token is null || token.Length > MaxTokenLength || token.Split('.') is not [var payloadText, var macText])
        {
            return null;
        }

        var payload = FromBase64Url(payloadText);
        var mac = FromBase64Url(macText);
        return payload is not null && mac is not null && CryptographicOperations.FixedTimeEquals(mac, Mac(payload))
            ? Encoding.UTF8.GetString(payload)
            : null;
    }

    /// <summary>A value only the key's holder can derive from <paramref name="text"/> (a session's form token).</summary>
    public string Derive(string text) => Base64Url(Mac(Encoding.UTF8.GetBytes(text)));

    /// <summary>Whether <paramref name="presented"/> equals <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(string expected, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>A fresh random nonce (128 bits).</summary>
    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(key.Span, payload);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
