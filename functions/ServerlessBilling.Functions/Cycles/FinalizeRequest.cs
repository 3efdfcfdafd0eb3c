namespace ServerlessBilling.Functions.Cycles;

/// <summary>Input of the finalize step; the issue time comes from the orchestration's replay-safe clock.</summary>
/// <param name="CloseStartedUtc">When the close's orchestration started, for its duration; absent in histories written before it was kept.</param>
public sealed record FinalizeRequest(string AccountId, string InvoiceId, string Number, DateTime IssuedAtUtc, DateTime? CloseStartedUtc = null);
