namespace ServerlessBilling.Payments;

/// <summary>A hosted page for the customer to add (or replace) the payment method their invoices are charged to.</summary>
/// <param name="CustomerId">The account's customer at the gateway.</param>
/// <param name="Currency">The account's billing currency; it decides which kinds of method the page offers (US bank accounts for USD).</param>
public sealed record HostedSetupRequest(string AccountId, string CustomerId, string Currency, HostedPageReturn Return);
