using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ServerlessBilling.Functions.Portal;

/// <summary>A portal page as an HTTP answer: the HTML with the headers every portal page carries (a Content-Security-Policy that lets
/// the page load only what this app serves, no caching, no referrer), and the session cookie to set or clear.</summary>
public sealed class HtmlPage(string html, int status = StatusCodes.Status200OK) : IResult
{
    /// <summary>Nothing but this app's own styles and images; no script at all, no framing, forms only back to the app.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Action<HttpResponse>? cookie;
    private string? formTarget;

    /// <summary>Lets this page's forms post to <paramref name="address"/>'s origin too (a gateway's hosted page), beside the app's own.</summary>
    public HtmlPage AllowingFormsTo(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        formTarget = address.GetLeftPart(UriPartial.Authority);
        return this;
    }

    /// <summary>Sets (or, with <paramref name="value"/> null, clears) the session cookie with the answer.</summary>
    public HtmlPage WithSession(HttpRequest request, string? value, TimeSpan lifetime)
    {
        cookie = response => SessionCookie.Write(response, PortalCookie.Name, value, PortalCookie.Options(request, lifetime));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        Secure(response.Headers);
        if (formTarget is not null)
        {
            response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {formTarget}", StringComparison.Ordinal);
        }

        cookie?.Invoke(response);
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    /// <summary>The headers every portal answer carries, pages and downloads alike.</summary>
    public static void Secure(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.CacheControl] = "no-store";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
