using System.Globalization;
using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>Signs and reads portal tokens: <c>base64url(payload).base64url(HMAC-SHA256(key, payload))</c>, the payload being
/// <c>v1|kind|account|issued ms|expires ms|nonce</c>. Account ids never hold <c>|</c>, so the fields split unambiguously.</summary>
/// <remarks>The token names its kind inside the signed payload, so a session token cannot be replayed as a link nor the reverse.
/// Signatures are compared in constant time.</remarks>
public sealed class PortalTokens(PortalOptions options)
{
    private const string Version = "v1";
    private readonly SignedTokens tokens = new(options.SigningKey);

    /// <summary>The signed token of <paramref name="ticket"/>.</summary>
    public string Sign(PortalTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return tokens.Seal(string.Join('|', Version, ticket.Kind.ToString(), ticket.AccountId,
            ticket.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ticket.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ticket.Nonce));
    }

    /// <summary>The ticket the token carries when its signature verifies and it is of <paramref name="kind"/>; null otherwise.
    /// Expiry is the caller's to judge, so it can tell an expired link from a forged one.</summary>
    public PortalTicket? Read(string? token, PortalTicketKind kind) =>
        tokens.Open(token)?.Split('|') is [Version, var kindText, var account, var issued, var expires, var nonce]
            && kindText == kind.ToString()
            && long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs)
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            ? new PortalTicket(kind, account, Instant.FromUnixTimeMilliseconds(issuedMs), Instant.FromUnixTimeMilliseconds(expiresMs), nonce)
            : null;

    /// <summary>The form token of a session: derived from its nonce, so it is checked without storing anything.</summary>
    public string FormToken(PortalTicket session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return tokens.Derive($"form|{session.AccountId}|{session.Nonce}");
    }

    /// <summary>Whether <paramref name="presented"/> is the session's form token (constant time).</summary>
    public bool IsFormToken(PortalTicket session, string? presented) => SignedTokens.Matches(FormToken(session), presented);

    /// <summary>A fresh random nonce (128 bits).</summary>
    public static string NewNonce() => SignedTokens.NewNonce();
}
