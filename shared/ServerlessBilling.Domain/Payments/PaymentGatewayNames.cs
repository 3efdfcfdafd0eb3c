namespace ServerlessBilling.Payments;

/// <summary>The gateway names stored on accounts; they are data, so they never change.</summary>
public static class PaymentGatewayNames
{
    public const string Stripe = "stripe";
    public const string AuthorizeNet = "authorizenet";
}
