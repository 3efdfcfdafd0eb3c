namespace ServerlessBilling.Cycles;

/// <summary>A close the check could not start, and why.</summary>
public sealed record FailedStart(CycleRequest Request, string Reason);
