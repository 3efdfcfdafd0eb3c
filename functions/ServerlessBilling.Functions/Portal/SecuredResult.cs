using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Any answer of the portal with the headers its pages carry (<see cref="HtmlPage.Secure"/>): downloads and assets too.</summary>
public sealed class SecuredResult(IResult inner) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HtmlPage.Secure(httpContext.Response.Headers);
        return inner.ExecuteAsync(httpContext);
    }
}
