namespace ServerlessBilling.Cycles;

/// <summary>Which account and period to close; plain values so it travels through durable history unchanged.</summary>
/// <param name="PeriodStart">The period's first day, <c>yyyy-MM-dd</c>, in the account's zone.</param>
public sealed record CycleRequest(string AccountId, string PeriodStart)
{
    /// <summary>Deterministic orchestration instance id: one close per account and period.</summary>
    public string InstanceId => $"cycle:{AccountId}:{PeriodStart}";
}
