using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>The pieces vendors' signature schemes are built from: HMAC-SHA256, hex compared in constant time, <c>k=v,k=v</c> headers, epoch timestamps.</summary>
public static class WebhookSignatures
{
    public static byte[] HmacSha256(string secret, params ReadOnlySpan<byte[]> parts)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        foreach (var part in parts)
        {
            hmac.AppendData(part);
        }

        return hmac.GetHashAndReset();
    }

    public static string HmacSha256Hex(string secret, params ReadOnlySpan<byte[]> parts) => Convert.ToHexStringLower(HmacSha256(secret, parts));

    /// <summary>Compares a received hex digest with the expected bytes in constant time; malformed hex is simply not equal.</summary>
    public static bool HexEquals(byte[] expected, string? receivedHex)
    {
        if (receivedHex is null || receivedHex.Length != expected.Length * 2)
        {
            return false;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(receivedHex);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>Compares two secrets in constant time (for their length's sake, over their SHA-256).</summary>
    public static bool SecretEquals(string expected, string? received) =>
        received is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(received)));

    /// <summary>Reads a header such as <c>t=1700000000,v0=abc</c>; the first value of a repeated key wins.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(string? header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs.TryAdd(item[..equals], item[(equals + 1)..]);
            }
        }

        return pairs;
    }

    /// <summary>Reads unsigned epoch seconds (or milliseconds); anything else is null.</summary>
    public static Instant? EpochSeconds(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && seconds <= Instant.MaxValue.ToUnixTimeSeconds() ? Instant.FromUnixTimeSeconds(seconds) : null;

    public static Instant? EpochMilliseconds(string? text) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
        && ms <= Instant.MaxValue.ToUnixTimeMilliseconds() ? Instant.FromUnixTimeMilliseconds(ms) : null;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
