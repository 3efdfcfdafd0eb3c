using System.Net;
using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The portal's session cookie: HttpOnly, SameSite=Strict, scoped to the portal's path, as long as the session.</summary>
/// <remarks>Secure everywhere but on plain HTTP to a loopback address (the local host on 127.0.0.1), where a browser would never
/// send a Secure cookie back; Azure serves HTTPS only, so there it is always Secure.</remarks>
public static class PortalCookie
{
    public const string Name = "portal_session";

    public const string Path = "/api/portal";

    public static CookieOptions Options(HttpRequest request, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = !IsPlainLoopback(request),
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = lifetime,
            IsEssential = true,
        };
    }

    public static string? Read(HttpRequest request) => request?.Cookies[Name];

    private static bool IsPlainLoopback(HttpRequest request) =>
        !request.IsHttps
        && (request.Host.Host is "localhost" || (IPAddress.TryParse(request.Host.Host, out var address) && IPAddress.IsLoopback(address)));
}
