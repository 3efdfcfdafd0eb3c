using Microsoft.AspNetCore.Http;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>A console answer: a page (<see cref="HtmlPage"/>, with the portal's security headers) or a redirect, with the session
/// cookie to set or clear.</summary>
public sealed class ConsolePage : IResult
{
    private readonly IResult inner;
    private Action<HttpResponse>? cookie;

    private ConsolePage(IResult inner) => this.inner = inner;

    public static ConsolePage Html(string html, int status = StatusCodes.Status200OK) => new(new HtmlPage(html, status));

    /// <summary>A 303 to <paramref name="location"/> (a console path): after a form post, so reloading does not post again.</summary>
    public static ConsolePage SeeOther(string location) => new(new SecuredResult(new SeeOtherResult(location)));

    /// <summary>Sets (or, with <paramref name="value"/> null, clears) the session cookie with the answer.</summary>
    public ConsolePage WithSession(HttpRequest request, string? value, TimeSpan lifetime)
    {
        cookie = response => SessionCookie.Write(response, ConsoleCookie.Name, value, ConsoleCookie.Options(request, lifetime));
        return this;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        cookie?.Invoke(httpContext.Response);
        return inner.ExecuteAsync(httpContext);
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
