namespace ServerlessBilling.Payments;

/// <summary>A payment received outside the gateway, in the invoice's currency.</summary>
/// <param name="Key">The caller's idempotency key: recording the same key twice records one payment.</param>
/// <param name="Amount">What was received: positive, in whole minor units of the invoice's currency.</param>
/// <param name="Method">How it was paid: cheque, wire, cash, ...</param>
public sealed record OfflinePayment(string Key, Money Amount, string Method, string? Reference = null);
