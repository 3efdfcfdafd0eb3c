using NodaTime;

namespace ServerlessBilling.ResellerConsole;

/// <summary>A signed-in console user: their role, who they are (an API key's prefix, <c>bootstrap</c>, or an Entra ID user's
/// name), when the session ends, and the random nonce its form token derives from.</summary>
/// <param name="Caller">Shown on the pages and in logs; never a secret. Holds no <c>|</c>, which separates the signed fields.</param>
public sealed record ConsoleSession(ConsoleRole Role, string Caller, Instant ExpiresAt, string Nonce)
{
    /// <summary>Whether the session may change anything (replay quarantine, issue a portal link).</summary>
    public bool CanWrite => Role == ConsoleRole.Admin;
}
