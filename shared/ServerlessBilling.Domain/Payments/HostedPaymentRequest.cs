namespace ServerlessBilling.Payments;

/// <summary>A hosted page for the customer to pay one open invoice's balance.</summary>
/// <param name="CustomerId">The account's customer at the gateway.</param>
/// <param name="Amount">What is owed now (the invoice's balance due).</param>
public sealed record HostedPaymentRequest(string AccountId, string CustomerId, string InvoiceId, string InvoiceNumber, Money Amount, HostedPageReturn Return);
