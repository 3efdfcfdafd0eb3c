using NodaTime;

namespace ServerlessBilling.ResellerConsole;

/// <summary>How console sessions are signed and how long they live, and whether the platform's Entra ID sign-in is trusted.</summary>
/// <param name="SigningKey">The HMAC-SHA256 key (the portal's: console tokens carry their own prefix, so neither kind passes for the other).</param>
/// <param name="SessionLifetime">How long a session lasts after sign-in; it is not extended by use.</param>
/// <param name="EntraSignIn">True when App Service authentication (Entra ID) fronts the app, so its principal header is the platform's
/// and not the caller's; false everywhere else, where anyone could send that header.</param>
public sealed record ConsoleOptions(ReadOnlyMemory<byte> SigningKey, Duration SessionLifetime, bool EntraSignIn)
{
    public static Duration DefaultSessionLifetime { get; } = Duration.FromHours(8);
}
