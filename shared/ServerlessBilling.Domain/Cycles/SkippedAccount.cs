namespace ServerlessBilling.Cycles;

/// <summary>An account the check left alone on purpose, and why.</summary>
public sealed record SkippedAccount(string AccountId, string Reason);
