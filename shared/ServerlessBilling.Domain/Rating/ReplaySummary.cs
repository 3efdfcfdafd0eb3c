namespace ServerlessBilling.Rating;

/// <summary>What a replay did: records billed (and removed), still quarantined, and not replayable as events.</summary>
public sealed record ReplaySummary(int Billed, int StillQuarantined, int NotEvents);
