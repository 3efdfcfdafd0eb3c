namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net refused a request outright (bad credentials, malformed or unknown ids).</summary>
public sealed class AuthorizeNetException(string? code, string message) : Exception(message)
{
    public string? Code { get; } = code;
}
