using Microsoft.AspNetCore.Http;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>The console's session cookie: the portal's cookie rules (HttpOnly, SameSite=Strict, Secure but on plain loopback), scoped
/// to the console's path, so a portal session and a console session never meet.</summary>
public static class ConsoleCookie
{
    public const string Name = "console_session";

    public static CookieOptions Options(HttpRequest request, TimeSpan lifetime)
    {
        var options = PortalCookie.Options(request, lifetime);
        options.Path = ConsoleLayout.Root;
        return options;
    }

    public static string? Read(HttpRequest request) => request?.Cookies[Name];
}
