namespace ServerlessBilling.Payments;

/// <summary>The gateway names stored on accounts; they are data, so they never change.</summary>
public static class PaymentGatewayNames
{
    public const string Stripe = "stripe";
    public const string AuthorizeNet = "authorizenet";

    /// <summary>The gateway's name as its owner writes it, for pages a customer reads (<c>Authorize.Net</c>); the stored name for any other.</summary>
    public static string DisplayName(string gateway) => gateway.ToLowerInvariant() switch
    {
        Stripe => "Stripe",
        AuthorizeNet => "Authorize.Net",
        _ => gateway,
    };
}
