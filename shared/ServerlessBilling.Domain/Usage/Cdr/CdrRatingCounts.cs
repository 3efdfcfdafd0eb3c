namespace ServerlessBilling.Usage.Cdr;

/// <summary>What rating made of a file's events: billed, already billed, no account holds the number or agent, the plan cannot price
/// them, a conflicting duplicate of a billed call, held for a plausibility limit, or a component the plan does not charge.</summary>
/// <remarks>Unattributed, unpriced, conflicting and held events wait in rating's quarantine; a later replay or a person's decision
/// settles them without changing these counts, which say what happened when the file was read.</remarks>
public sealed record CdrRatingCounts(
    long Rated = 0, long Duplicates = 0, long Unattributed = 0, long Unpriced = 0, long Conflicts = 0, long Held = 0, long NotCharged = 0)
{
    public static readonly CdrRatingCounts None = new();

    public long Total => Rated + Duplicates + Unattributed + Unpriced + Conflicts + Held + NotCharged;

    public CdrRatingCounts Plus(CdrRatingCounts other) => new(
        Rated + other.Rated, Duplicates + other.Duplicates, Unattributed + other.Unattributed, Unpriced + other.Unpriced,
        Conflicts + other.Conflicts, Held + other.Held, NotCharged + other.NotCharged);
}
