using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ServerlessBilling.Functions.Http;

/// <summary>Optimistic concurrency over HTTP: a resource's version goes out as its <c>ETag</c>, and comes back in <c>If-Match</c>.</summary>
/// <remarks>If-Match is optional: a write without it is applied to whatever is stored. With it, a write against a version
/// that moved on is refused with 412 and changes nothing. Versions are opaque and compared exactly.</remarks>
public static class EntityTags
{
    /// <summary>The version <c>If-Match</c> asks for: the tag without its quotes (and weak prefix), <c>*</c> for any, null when absent.</summary>
    public static string? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header == "*")
        {
            return "*";
        }

        // A list of tags is not supported; it is compared as one, so it matches nothing and the write is refused.
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length >= 2 && tag[0] == '"' && tag[^1] == '"' ? tag[1..^1] : tag;
    }

    /// <summary>The response with <c>ETag: "{version}"</c>.</summary>
    public static IResult WithETag(this IResult result, string version) => new Tagged(result, version);

    private sealed class Tagged(IResult inner, string version) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.ETag] = $"\"{version}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
