namespace ServerlessBilling.Tax.Avalara;

/// <summary>Section <c>Tax:Avalara</c>: the AvaTax for Communications account the <see cref="TaxEngineKind.AvalaraCommunications"/>
/// engine calls (maps to <see cref="AfcOptions"/>). Read only when <c>Tax:Engine</c> selects it.</summary>
/// <remarks>The user name, password and client id are secrets: Key Vault references in Azure, never logged.</remarks>
public sealed class AvalaraCommunicationsSettings
{
    /// <summary><c>Sandbox</c> (the default), <c>Production</c>, or an absolute http(s) address (a test server).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The customer portal user the <c>api_key</c> header is made of.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The <c>client_id</c> Avalara gave the company.</summary>
    public string? ClientId { get; set; }

    /// <summary>A client profile (overrides, exclusions kept at Avalara); unset uses the system default configuration.</summary>
    public int? ClientProfileId { get; set; }

    /// <summary>How long one <c>CalcTaxes</c> call may take before the close treats the service as unavailable (default 30).</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>True when the seller is facilities-based (default false: a reseller).</summary>
    public bool? Facilities { get; set; }

    /// <summary>True when the seller is regulated (default false).</summary>
    public bool? Regulated { get; set; }

    /// <summary>A company id for Avalara's reports (up to 20 characters).</summary>
    public string? CompanyIdentifier { get; set; }

    /// <summary>The T/S pair (<c>tran/serv</c>) the AI platform fee and other non-telecom charges are sent as; unset leaves them out,
    /// as the built-in engine leaves them untaxed.</summary>
    public string? NonTelecomPair { get; set; }

    private const int DefaultTimeoutSeconds = 30;

    /// <summary>The problems with these values when the engine is selected, each naming its setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (EndpointOf(Endpoint) is null)
        {
            yield return $"Tax:Avalara:Endpoint: '{Endpoint}' is not Sandbox, Production or an absolute http(s) address.";
        }

        foreach (var (key, value) in new[] { ("Username", Username), ("Password", Password), ("ClientId", ClientId) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"Tax:Avalara:{key}: required when Tax:Engine is AvalaraCommunications.";
            }
        }

        if (TimeoutSeconds is <= 0 or > 600)
        {
            yield return "Tax:Avalara:TimeoutSeconds: must be from 1 to 600.";
        }

        if (!string.IsNullOrWhiteSpace(NonTelecomPair) && AfcProductPair.TryParse(NonTelecomPair) is null)
        {
            yield return $"Tax:Avalara:NonTelecomPair: '{NonTelecomPair}' is not a T/S pair written tran/serv (e.g. 19/37).";
        }

        if (CompanyIdentifier is { Length: > 20 })
        {
            yield return "Tax:Avalara:CompanyIdentifier: at most 20 characters.";
        }
    }

    public AfcOptions ToOptions() => new(
        EndpointOf(Endpoint) ?? throw new InvalidOperationException($"Tax:Avalara:Endpoint '{Endpoint}' is not usable."),
        Username ?? "",
        Password ?? "",
        ClientId ?? "",
        ClientProfileId,
        TimeSpan.FromSeconds(TimeoutSeconds ?? DefaultTimeoutSeconds),
        new AfcCompany(Facilities ?? false, Regulated ?? false, string.IsNullOrWhiteSpace(CompanyIdentifier) ? null : CompanyIdentifier),
        AfcProductPair.TryParse(NonTelecomPair));

    private static Uri? EndpointOf(string? endpoint) => endpoint switch
    {
        null or "" => AfcOptions.Sandbox,
        _ when endpoint.Equals("Sandbox", StringComparison.OrdinalIgnoreCase) => AfcOptions.Sandbox,
        _ when endpoint.Equals("Production", StringComparison.OrdinalIgnoreCase) => AfcOptions.Production,
        _ when Uri.TryCreate(endpoint.EndsWith('/') ? endpoint : endpoint + "/", UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" => uri,
        _ => null,
    };
}
