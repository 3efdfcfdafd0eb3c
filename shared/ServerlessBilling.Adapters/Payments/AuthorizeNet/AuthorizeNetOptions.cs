namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>How the app talks to Authorize.Net: <c>AuthorizeNet:ApiLoginId</c>, <c>:TransactionKey</c>, <c>:SignatureKey</c> and <c>:Environment</c>.</summary>
/// <param name="ApiLoginId">The merchant's API login id; empty when the deployment does not charge through Authorize.Net.</param>
/// <param name="TransactionKey">The merchant's transaction key.</param>
/// <param name="SignatureKey">The Signature Key (hex) that webhooks are signed with; empty rejects every delivery.</param>
/// <param name="Endpoint">The JSON API endpoint: <see cref="Sandbox"/>, <see cref="Production"/>, or a local test server.</param>
public sealed record AuthorizeNetOptions(string ApiLoginId, string TransactionKey, string SignatureKey, Uri Endpoint)
{
    public static readonly Uri Sandbox = new("https://apitest.authorize.net/xml/v1/request.api");
    public static readonly Uri Production = new("https://api.authorize.net/xml/v1/request.api");
    public static readonly Uri SandboxHostedPage = new("https://test.authorize.net/payment/payment");
    public static readonly Uri ProductionHostedPage = new("https://accept.authorize.net/payment/payment");

    /// <summary>Authorize.Net refuses a transaction identical to one it saw this many seconds ago (error 11); 28800 (8 hours) is its maximum.</summary>
    /// <remarks>This window is the whole of the once-per-attempt guarantee: Authorize.Net has no idempotency keys.</remarks>
    public int DuplicateWindowSeconds { get; init; } = 28_800;

    /// <summary>Accept Hosted's payment form, to which the browser posts the form token: the sandbox's unless <see cref="EndpointFor"/>
    /// chose production (<see cref="HostedPageFor"/>), or a local test server's.</summary>
    public Uri HostedPaymentPage { get; init; } = SandboxHostedPage;

    /// <summary>The merchant account's currency; Authorize.Net webhooks carry amounts without one.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The endpoint for <c>AuthorizeNet:Environment</c>: <c>Sandbox</c> (the default) or <c>Production</c>.</summary>
    public static Uri EndpointFor(string? environment) => environment switch
    {
        null or "" => Sandbox,
        _ when environment.Equals("Sandbox", StringComparison.OrdinalIgnoreCase) => Sandbox,
        _ when environment.Equals("Production", StringComparison.OrdinalIgnoreCase) => Production,
        _ => throw new InvalidOperationException($"Setting 'AuthorizeNet:Environment' is '{environment}'; it must be Sandbox or Production."),
    };

    /// <summary>Accept Hosted's form for the API endpoint: production's for <see cref="Production"/>, otherwise the sandbox's.</summary>
    public static Uri HostedPageFor(Uri endpoint) => endpoint == Production ? ProductionHostedPage : SandboxHostedPage;
}
