namespace ServerlessBilling.Usage.Cdr;

/// <summary>Where a rating message's events came from: lines <see cref="FirstLine"/> to <see cref="LastLine"/> of one CDR file version.</summary>
/// <remarks>A read resumed after a crash starts its next batch after the last checkpoint, so a batch queued again has the same lines and key.</remarks>
public sealed record CdrBatch(string File, string ETag, long FirstLine, long LastLine);

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

/// <summary>Rating's outcome per batch of a CDR file, so a file's manifest can say how many of its lines were billed, duplicate or unattributed.</summary>
public interface ICdrFileRatings
{
    /// <summary>Keeps the counts of one batch; the first counts recorded for a batch win, so a retried message does not count twice.</summary>
    Task RecordAsync(CdrBatch batch, CdrRatingCounts counts, CancellationToken cancellationToken);

    /// <summary>The sum over the batches of that file version rated so far.</summary>
    Task<CdrRatingCounts> SumAsync(string file, string etag, CancellationToken cancellationToken);
}
