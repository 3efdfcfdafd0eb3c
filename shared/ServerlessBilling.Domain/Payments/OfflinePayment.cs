namespace ServerlessBilling.Payments;

/// <summary>A payment received outside the gateway.</summary>
/// <param name="Key">The caller's idempotency key: recording the same key twice records one payment.</param>
/// <param name="Method">How it was paid: cheque, wire, cash, ...</param>
public sealed record OfflinePayment(string Key, decimal Amount, string Method, string? Reference = null);
