namespace ServerlessBilling.Usage;

/// <summary>One further component of a call: what was used, its billable seconds as the source reports them, and the vendor's cost for it.</summary>
public sealed record ComponentUsage(UsageComponent Component, int DurationSeconds, Money? UpstreamCost = null);
