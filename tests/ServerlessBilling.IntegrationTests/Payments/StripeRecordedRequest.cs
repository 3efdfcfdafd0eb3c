using System.Globalization;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>One request <see cref="StripeTestServer"/> received, with Stripe.net's form parameters as sent.</summary>
/// <param name="Replayed">True when the idempotency key had been seen and the first answer was replayed.</param>
public sealed record StripeRecordedRequest(
    string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form, int StatusCode, bool Replayed)
{
    public long? Amount => Form.TryGetValue("amount", out var amount) ? long.Parse(amount, CultureInfo.InvariantCulture) : null;

    public string? Currency => Form.GetValueOrDefault("currency");

    public string? PaymentMethod => Form.GetValueOrDefault("payment_method");

    public string? Metadata(string key) => Form.GetValueOrDefault($"metadata[{key}]");

    public bool IsPaymentIntentCreate => Method == "POST" && Path == "/v1/payment_intents";
}

/// <summary>A PaymentIntent the server created: enough to build its webhook events.</summary>
public sealed record StripeTestPaymentIntent(string Id, long Amount, string Currency, string CustomerId, string PaymentMethodId, IReadOnlyDictionary<string, string> Metadata);
