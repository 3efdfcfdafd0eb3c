using NodaTime;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.ResellerConsole;

/// <summary>Section <c>Console</c>: how the reseller console signs people in.</summary>
/// <remarks>Sessions are signed with the portal's key (<c>Portal:SigningKey</c>), under their own prefix.</remarks>
public sealed class ConsoleSettings : ISettingsSection
{
    public static string Section => "Console";

    /// <summary>True where App Service authentication with Entra ID fronts the app (the Bicep sets it with the identity provider):
    /// the console then signs in whoever the platform's <c>X-MS-CLIENT-PRINCIPAL</c> names. Leave it false anywhere else, where a
    /// caller could send that header themselves; the console then asks for an API key.</summary>
    public bool? EntraSignIn { get; set; }

    /// <summary>How long a session signed in with a key lasts, in minutes (default 480, at most 1440).</summary>
    public int? SessionLifetimeMinutes { get; set; }

    /// <summary>How long the dashboard's margin roll-up is kept before every account's periods are read again, in seconds
    /// (default 60, 0 to 3600; 0 reads on every view).</summary>
    public int? MarginCacheSeconds { get; set; }

    public Duration MarginCacheLifetime => MarginCacheSeconds is { } seconds ? Duration.FromSeconds(seconds) : ConsoleMargins.DefaultCacheLifetime;

    public IEnumerable<string> Problems()
    {
        if (MarginCacheSeconds is < 0 or > 3600)
        {
            yield return "Console:MarginCacheSeconds: must be from 0 to 3600 (an hour).";
        }

        if (SessionLifetimeMinutes is <= 0 or > 1440)
        {
            yield return "Console:SessionLifetimeMinutes: must be from 1 to 1440 (a day).";
        }
    }

    public ConsoleOptions ToOptions(ReadOnlyMemory<byte> signingKey) => new(
        signingKey,
        SessionLifetimeMinutes is { } minutes ? Duration.FromMinutes(minutes) : ConsoleOptions.DefaultSessionLifetime,
        EntraSignIn ?? false);
}
