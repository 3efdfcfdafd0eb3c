using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Http;

/// <summary>The management API's versions: dated, named by the <c>Api-Version</c> header, the current one when a request names none,
/// and echoed on every management response so a client sees which one answered.</summary>
/// <remarks>A dated version changes only by a new date: additions (a field, a route, a problem type) do not make one; a removal or a
/// change of meaning does, and the previous date stays served while clients move. Vendor webhook routes are the vendors' contracts,
/// not ours, so they take no version header and echo none.</remarks>
public static class ApiVersions
{
    public const string Header = "Api-Version";

    public const string Current = "2026-12-01";

    /// <summary>The versions this deployment answers, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Current];

    /// <summary>Management routes are versioned; <c>/api/webhooks/...</c> (vendor callbacks) are not.</summary>
    public static bool Applies(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/api/webhooks", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stamps the version on the response, or refuses a version this deployment does not serve.</summary>
    /// <returns>Null to go on with the request; the refusal (unsupported-version problem details) otherwise.</returns>
    public static IResult? Negotiate(HttpContext context)
    {
        if (!Applies(context.Request.Path))
        {
            return null;
        }

        var asked = context.Request.Headers[Header].FirstOrDefault();
        if (asked is not null && !Supported.Contains(asked, StringComparer.Ordinal))
        {
            return ProblemResults.Of(
                ProblemResults.UnsupportedVersionType,
                $"API version '{asked}' is not served",
                $"Served versions: {string.Join(", ", Supported)}; without {Header} the current one ({Current}) answers.");
        }

        context.Response.Headers[Header] = asked ?? Current;
        return null;
    }
}
