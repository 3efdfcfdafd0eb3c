namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>What <see cref="StripeTestServer"/> answers to one new PaymentIntent, as Stripe would for an off-session confirmation.</summary>
public abstract record StripeOutcome
{
    /// <summary>The charge settles at once (cards).</summary>
    public static StripeOutcome Succeed() => new Succeeded();

    /// <summary>HTTP 402 <c>card_declined</c> with the decline code (and advice code), the PaymentIntent left in <c>requires_payment_method</c>.</summary>
    public static StripeOutcome Decline(string declineCode, string? adviceCode = null) => new Declined(declineCode, adviceCode);

    /// <summary>Accepted, not settled: an ACH debit; the test later posts <c>payment_intent.succeeded</c> or <c>payment_failed</c>.</summary>
    public static StripeOutcome Processing() => new Pending();

    /// <summary>Status <c>requires_action</c>, with a redirect URL when given (else <c>use_stripe_sdk</c>).</summary>
    public static StripeOutcome RequiresAction(string? url = null) => new ActionRequired(url);

    /// <summary>HTTP 402 <c>authentication_required</c>: the issuer wants the customer on-session.</summary>
    public static StripeOutcome AuthenticationRequired() => new Declined("authentication_required", null, Code: "authentication_required");

    /// <summary>HTTP 500 before Stripe ran the request: nothing is created and nothing is saved under the idempotency key,
    /// so a retry with the same key runs for real (Stripe saves results only once execution began).</summary>
    public static StripeOutcome ServerError() => new Failed();

    internal sealed record Succeeded : StripeOutcome;

    internal sealed record Declined(string DeclineCode, string? AdviceCode, string Code = "card_declined") : StripeOutcome;

    internal sealed record Pending : StripeOutcome;

    internal sealed record ActionRequired(string? Url) : StripeOutcome;

    internal sealed record Failed : StripeOutcome;
}

/// <summary>A payment method the server knows, for the attach answer.</summary>
public sealed record StripeTestMethod(string Type, string Name, string Last4)
{
    public static StripeTestMethod Card(string brand = "visa", string last4 = "4242") => new("card", brand, last4);

    public static StripeTestMethod BankAccount(string bankName = "STRIPE TEST BANK", string last4 = "6789") => new("us_bank_account", bankName, last4);
}
