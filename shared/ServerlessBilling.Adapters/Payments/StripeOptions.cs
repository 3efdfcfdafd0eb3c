namespace ServerlessBilling.Payments;

/// <summary>How the app talks to Stripe: <c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c> from configuration.</summary>
/// <param name="SecretKey">The restricted or secret API key; empty when the deployment does not take payments through Stripe.</param>
/// <param name="WebhookSecret">The webhook endpoint's signing secret (<c>whsec_...</c>); empty rejects every delivery.</param>
public sealed record StripeOptions(string SecretKey, string WebhookSecret)
{
    /// <summary>Where the API is; only tests point it elsewhere (a local Stripe-shaped server).</summary>
    public Uri ApiBase { get; init; } = new("https://api.stripe.com");

    /// <summary>Stripe.net's own retries of connection errors, 409 and 5xx within one call, with the same idempotency key.</summary>
    public int MaxNetworkRetries { get; init; } = 2;
}
