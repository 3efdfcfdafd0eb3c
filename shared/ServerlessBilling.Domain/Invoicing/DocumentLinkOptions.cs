using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>How long a signed document link stays valid, and where the API that serves documents is reached from outside.</summary>
public sealed record DocumentLinkOptions(Duration Lifetime)
{
    /// <summary>The address the API is reached at from outside (<c>https://billing.example.com/</c>); null leaves routes
    /// relative. A gateway in front of the app changes host and path, so it is configuration, not the request's own host.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The route (<c>/api/...</c>) as an absolute URL under <see cref="PublicBaseUrl"/>, or as it is without one.</summary>
    /// <remarks>Any path of the base is kept: <c>https://example.com/billing/</c> gives <c>https://example.com/billing/api/...</c>.</remarks>
    public string Addressed(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return PublicBaseUrl is { } root ? root.AbsoluteUri.TrimEnd('/') + "/" + route.TrimStart('/') : route;
    }

    /// <summary>Fifteen minutes: long enough to open from a portal or an event, short enough that a leaked link soon dies.</summary>
    public static DocumentLinkOptions Default { get; } = new(Duration.FromMinutes(15));
}
