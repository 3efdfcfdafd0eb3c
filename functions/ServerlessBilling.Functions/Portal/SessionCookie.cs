using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Setting or clearing a session cookie with an answer, for the portal's and the console's sessions alike.</summary>
public static class SessionCookie
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, or with <paramref name="value"/> null clears it, with
    /// <paramref name="options"/> (a clear must name the same path and domain as the set).</summary>
    public static void Write(HttpResponse response, string name, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (value is null)
        {
            response.Cookies.Delete(name, options);
        }
        else
        {
            response.Cookies.Append(name, value, options);
        }
    }
}
