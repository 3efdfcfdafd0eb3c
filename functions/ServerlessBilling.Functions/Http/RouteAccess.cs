namespace ServerlessBilling.Functions.Http;

/// <summary>What a route needs from the key that calls it. Every route's need is decided once, from its method and template
/// (<see cref="RouteAccessRules"/>), so a new route is covered without being listed; <see cref="OpenApi.ApiOperationAttribute.Access"/>
/// declares it where that rule is not the right one.</summary>
public enum RouteAccess
{
    /// <summary>Not declared: decided by <see cref="RouteAccessRules.Of"/> (vendor webhooks public, GET and HEAD read, other methods write).</summary>
    Inferred,

    /// <summary>No key: vendor webhooks (which verify the vendor's signature), the health check and the API's own description.</summary>
    Public,

    /// <summary>Reads: admin and read-only keys anywhere, customer keys on their own accounts' routes.</summary>
    Read,

    /// <summary>Changes: admin keys only.</summary>
    Write,

    /// <summary>A change a customer makes to its own account (its payment method): admin keys, and customer keys on their own accounts' routes.</summary>
    AccountWrite,

    /// <summary>Admin keys only, even to read (the API keys themselves).</summary>
    Admin,
}
