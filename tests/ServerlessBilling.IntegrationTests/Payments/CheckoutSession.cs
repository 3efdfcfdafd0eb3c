namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>A Checkout session the Stripe-shaped test server created, as the app asked for it.</summary>
/// <param name="Mode"><c>setup</c> or <c>payment</c>.</param>
/// <param name="Amount">What a payment-mode session takes, in minor units.</param>
/// <param name="Metadata">The session's own metadata.</param>
/// <param name="IntentMetadata">The metadata for the intent the session creates (<c>setup_intent_data</c> or <c>payment_intent_data</c>).</param>
public sealed record CheckoutSession(
    string Id,
    string Mode,
    string CustomerId,
    Uri SuccessUrl,
    Uri CancelUrl,
    long Amount,
    string Currency,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> IntentMetadata)
{
    public string? PaymentIntentId { get; init; }

    public string? SetupIntentId { get; init; }
}
