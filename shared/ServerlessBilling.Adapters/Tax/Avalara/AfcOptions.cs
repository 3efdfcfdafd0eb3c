namespace ServerlessBilling.Tax.Avalara;

/// <summary>How the app calls AvaTax for Communications REST v2 (from <c>Tax:Avalara</c>, see <see cref="AvalaraCommunicationsSettings"/>).</summary>
/// <param name="Endpoint">The service's base address: <see cref="Sandbox"/>, <see cref="Production"/> or a local test server.</param>
/// <param name="Username">The customer portal user the <c>api_key</c> header is made of; never logged.</param>
/// <param name="Password">That user's password; never logged.</param>
/// <param name="ClientId">The <c>client_id</c> header: the company's id at Avalara.</param>
/// <param name="ClientProfileId">The <c>client_profile_id</c> header, when a client profile (overrides, exclusions) is to be used.</param>
/// <param name="NonTelecomPair">The T/S pair the AI platform and other non-telecom charges are sent as; null leaves them out of the request.</param>
public sealed record AfcOptions(
    Uri Endpoint,
    string Username,
    string Password,
    string ClientId,
    int? ClientProfileId,
    TimeSpan Timeout,
    AfcCompany Company,
    AfcProductPair? NonTelecomPair)
{
    public static readonly Uri Sandbox = new("https://communicationsua.avalara.net/");
    public static readonly Uri Production = new("https://communications.avalara.net/");

    /// <summary>The <c>CalcTaxes</c> path, relative to <see cref="Endpoint"/>.</summary>
    public const string CalcTaxesPath = "api/v2/afc/calctaxes";

    /// <summary>The Commit API path (<c>/api/v2/afc/commit</c>, body <c>doc</c> and <c>cmmt</c>), relative to <see cref="Endpoint"/>.</summary>
    public const string CommitPath = "api/v2/afc/commit";

    /// <summary>The named <see cref="HttpClient"/> the calculator asks the factory for.</summary>
    public const string HttpClientName = "AvalaraCommunications";

    /// <summary>The <c>api_key</c> header: the portal's <c>username:password</c>, Base64-encoded (UTF-8).</summary>
    public string ApiKey => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Redacts the credentials, so the options can be logged or shown in a failure.</summary>
    public override string ToString() => $"AfcOptions {{ Endpoint = {Endpoint}, ClientProfileId = {ClientProfileId}, Timeout = {Timeout} }}";
}
