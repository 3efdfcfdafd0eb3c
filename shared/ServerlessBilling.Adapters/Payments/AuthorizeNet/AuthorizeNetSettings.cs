using ServerlessBilling.Hosting;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net as a second gateway, section <c>AuthorizeNet</c>. Empty credentials behave like Stripe's: the app starts,
/// a charge fails naming the missing setting, every webhook delivery is refused.</summary>
public sealed class AuthorizeNetSettings : ISettingsSection
{
    public static string Section => "AuthorizeNet";

    public string ApiLoginId { get; set; } = "";

    public string TransactionKey { get; set; } = "";

    /// <summary>The Signature Key webhooks are signed with.</summary>
    public string SignatureKey { get; set; } = "";

    /// <summary><c>Sandbox</c> (the default) or <c>Production</c>.</summary>
    public string? Environment { get; set; }

    public IEnumerable<string> Problems()
    {
        string? problem = null;
        try
        {
            _ = AuthorizeNetOptions.EndpointFor(Environment);
        }
        catch (InvalidOperationException e)
        {
            problem = e.Message;
        }

        return problem is null ? [] : [problem];
    }

    public AuthorizeNetOptions ToOptions()
    {
        var endpoint = AuthorizeNetOptions.EndpointFor(Environment);
        return new(ApiLoginId, TransactionKey, SignatureKey, endpoint) { HostedPaymentPage = AuthorizeNetOptions.HostedPageFor(endpoint) };
    }
}
