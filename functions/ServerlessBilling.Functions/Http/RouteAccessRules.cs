namespace ServerlessBilling.Functions.Http;

/// <summary>The one rule that decides what each route needs (<see cref="RouteAccess"/>): a declared need wins; otherwise routes under
/// <c>webhooks/</c> are public (the vendor's signature is their check), so are the customer portal's pages under <c>portal</c> and the reseller
/// console's under <c>console</c> (their session cookies are their check), GET and HEAD read, and every other method writes.</summary>
public static class RouteAccessRules
{
    /// <summary>The route parameter that names the account a customer key may reach.</summary>
    public const string AccountParameter = "accountId";

    public static RouteAccess Of(IReadOnlyList<string> methods, string route, RouteAccess declared) => declared switch
    {
        not RouteAccess.Inferred => declared,
        _ when route.StartsWith("webhooks/", StringComparison.Ordinal) => RouteAccess.Public,
        _ when route == "portal" || route.StartsWith("portal/", StringComparison.Ordinal) => RouteAccess.Public,
        _ when route == "console" || route.StartsWith("console/", StringComparison.Ordinal) => RouteAccess.Public,
        _ when methods.All(m => m is "GET" or "HEAD") => RouteAccess.Read,
        _ => RouteAccess.Write,
    };

    /// <summary>Whether the route names an account in <c>{accountId}</c>, which is all a customer key can reach.</summary>
    public static bool NamesAccount(string route) =>
        OpenApi.ApiDocument.PathParameters(route).Any(p => p.Name == AccountParameter);
}
