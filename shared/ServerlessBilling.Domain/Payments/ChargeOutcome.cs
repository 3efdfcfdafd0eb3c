namespace ServerlessBilling.Payments;

/// <summary>How one charge attempt ended, with the state after it.</summary>
public sealed record ChargeOutcome(ChargeAttemptStatus Status, CollectionState State, string? DeclineCode = null);
