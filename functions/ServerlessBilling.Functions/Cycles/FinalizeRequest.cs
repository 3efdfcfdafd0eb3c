namespace ServerlessBilling.Functions.Cycles;

/// <summary>Input of the finalize step; the issue time comes from the orchestration's replay-safe clock.</summary>
public sealed record FinalizeRequest(string AccountId, string InvoiceId, string Number, DateTime IssuedAtUtc);
