using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Signs and reads portal tokens: <c>base64url(payload).base64url(HMAC-SHA256(key, payload))</c>, the payload being
/// <c>v1|kind|account|issued ms|expires ms|nonce</c>. Account ids never hold <c>|</c>, so the fields split unambiguously.</summary>
/// <remarks>The token names its kind inside the signed payload, so a session token cannot be replayed as a link nor the reverse.
/// Signatures are compared in constant time.</remarks>
public sealed class PortalTokens(PortalOptions options)
{
    private const string Version = "v1";

    /// <summary>The signed token of <paramref name="ticket"/>.</summary>
    public string Sign(PortalTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var payload = string.Join('|', Version, ticket.Kind.ToString(), ticket.AccountId,
            ticket.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ticket.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ticket.Nonce);
        var bytes = Encoding.UTF8.GetBytes(payload);
        return $"{Base64Url(bytes)}.{Base64Url(Mac(bytes))}";
    }

    /// <summary>The ticket the token carries when its signature verifies and it is of <paramref name="kind"/>; null otherwise.
    /// Expiry is the caller's to judge, so it can tell an expired link from a forged one.</summary>
    public PortalTicket? Read(string? token, PortalTicketKind kind)
    {
        if (token is null || token.Length > 1024 || token.Split('.') is not [var payloadText, var macText])
        {
            return null;
        }

        var payload = FromBase64Url(payloadText);
        var mac = FromBase64Url(macText);
        if (payload is null || mac is null || !CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
        {
            return null;
        }

        return Encoding.UTF8.GetString(payload).Split('|') is [Version, var kindText, var account, var issued, var expires, var nonce]
            && kindText == kind.ToString()
            && long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs)
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            ? new PortalTicket(kind, account, Instant.FromUnixTimeMilliseconds(issuedMs), Instant.FromUnixTimeMilliseconds(expiresMs), nonce)
            : null;
    }

    /// <summary>The form token of a session: derived from its nonce, so it is checked without storing anything.</summary>
    public string FormToken(PortalTicket session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Base64Url(Mac(Encoding.UTF8.GetBytes($"form|{session.AccountId}|{session.Nonce}")));
    }

    /// <summary>Whether <paramref name="presented"/> is the session's form token (constant time).</summary>
    public bool IsFormToken(PortalTicket session, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(FormToken(session)));

    /// <summary>A fresh random nonce (128 bits).</summary>
    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(options.SigningKey.Span, payload);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
