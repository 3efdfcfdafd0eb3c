using System.Globalization;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>Signing in to the reseller console and telling a live session: with an admin or read-only API key, or as an Entra ID user
/// the platform signed in; sessions are <c>base64url(payload).base64url(HMAC-SHA256)</c> with the payload
/// <c>console1|role|caller|expires ms|nonce</c>.</summary>
/// <remarks>The <c>console1</c> prefix keeps console and portal tokens apart although they share the signing key: a portal session
/// (<c>v1|...</c>) is never a console session, nor the reverse. Signatures and form tokens are compared in constant time.</remarks>
public sealed class ConsoleAccess(ApiKeys keys, ConsoleOptions options, IClock clock)
{
    /// <summary>The Entra ID app role that makes a console admin.</summary>
    public const string AdminAppRole = "Console.Admin";

    /// <summary>The Entra ID app role that makes a console reader.</summary>
    public const string ReaderAppRole = "Console.Reader";

    /// <summary>The caller the bootstrap key (the function key) signs in as.</summary>
    public const string BootstrapCaller = "bootstrap key";

    private const string Version = "console1";
    private readonly SignedTokens tokens = new(options.SigningKey);

    public bool EntraSignIn => options.EntraSignIn;

    /// <summary>A session for a live admin or read-only API key; a customer key, or any key that does not authenticate, is refused
    /// with the same answer, so the form tells nothing about which keys exist.</summary>
    public async Task<Outcome<ConsoleSession>> SignInWithKeyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return Problem.Unauthorized("The key is not an admin or read-only key");
        }

        var authenticated = await keys.AuthenticateAsync(presented.Trim(), cancellationToken);
        return authenticated.TryGetValue(out var key) && key.Scope is ApiKeyScope.Admin or ApiKeyScope.ReadOnly
            ? Open(key.Scope == ApiKeyScope.Admin ? ConsoleRole.Admin : ConsoleRole.ReadOnly, key.Prefix)
            : Problem.Unauthorized("The key is not an admin or read-only key");
    }

    /// <summary>A new session for <paramref name="caller"/> with <paramref name="role"/>, from now for the session lifetime.</summary>
    public ConsoleSession Open(ConsoleRole role, string caller) =>
        new(role, Clean(caller), clock.GetCurrentInstant() + options.SessionLifetime, SignedTokens.NewNonce());

    /// <summary>The session of an Entra ID user by the app roles the platform's token gives them; no console role, no session.</summary>
    /// <remarks>The session is made anew on every request from the platform's header, so its nonce is fixed per user: the form token
    /// stays the same across pages and is still unknown to anyone without the signing key.</remarks>
    public Outcome<ConsoleSession> SignInAsEntraUser(string name, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet(StringComparer.Ordinal);
        ConsoleRole? role = held.Contains(AdminAppRole) ? ConsoleRole.Admin : held.Contains(ReaderAppRole) ? ConsoleRole.ReadOnly : null;
        return role is { } given
            ? new ConsoleSession(given, Clean(name), clock.GetCurrentInstant() + options.SessionLifetime, "entra")
            : Problem.Forbidden($"The user has neither the {AdminAppRole} nor the {ReaderAppRole} role of the console");
    }

    /// <summary>The signed token of <paramref name="session"/>, for the session cookie.</summary>
    public string Sign(ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return tokens.Seal(string.Join('|', Version, session.Role.ToString(), session.Caller,
            session.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), session.Nonce));
    }

    /// <summary>The live session <paramref name="token"/> carries; null when it is missing, forged, of another kind, or expired.</summary>
    public ConsoleSession? Authenticate(string? token) =>
        tokens.Open(token)?.Split('|') is [Version, var roleText, var caller, var expiresText, var nonce]
            && Enum.TryParse<ConsoleRole>(roleText, out var role) && Enum.IsDefined(role)
            && long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresMs)
            && Instant.FromUnixTimeMilliseconds(expiresMs) is var expires && expires > clock.GetCurrentInstant()
            ? new ConsoleSession(role, caller, expires, nonce)
            : null;

    /// <summary>The form token of a session: derived from its nonce, so it is checked without storing anything.</summary>
    public string FormToken(ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return tokens.Derive($"console-form|{session.Caller}|{session.Nonce}");
    }

    /// <summary>Whether <paramref name="presented"/> is the session's form token (constant time).</summary>
    public bool IsFormToken(ConsoleSession session, string? presented) => SignedTokens.Matches(FormToken(session), presented);

    private static string Clean(string caller) => caller.Replace('|', '/').Trim() is { Length: > 0 } clean ? clean[..Math.Min(clean.Length, 120)] : "unknown";
}
