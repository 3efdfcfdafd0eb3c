namespace ServerlessBilling.Rating;

/// <summary>What a replay did: records billed (and removed), still quarantined, not replayable as events, and conflicts left for a person.</summary>
/// <param name="Billed">Records that left quarantine: billed now, or found to be deliveries of a call already billed.</param>
public sealed record ReplaySummary(int Billed, int StillQuarantined, int NotEvents, int Conflicts = 0);
