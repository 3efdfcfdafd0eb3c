namespace ServerlessBilling.Usage.Cdr;

/// <summary>Rating's outcome per batch of a CDR file, so a file's manifest can say how many of its lines were billed, duplicate or unattributed.</summary>
public interface ICdrFileRatings
{
    /// <summary>Keeps the counts of one batch; the first counts recorded for a batch win, so a retried message does not count twice.</summary>
    Task RecordAsync(CdrBatch batch, CdrRatingCounts counts, CancellationToken cancellationToken);

    /// <summary>Whether the batch's counts are recorded, so its rating finished: every usage row it claimed was written before
    /// (<see cref="Rating.CountedUsageRating"/> records them last). Found by file, version and <see cref="CdrBatch.Key"/>; one point read.</summary>
    Task<bool> ContainsAsync(CdrBatch batch, CancellationToken cancellationToken);

    /// <summary>The sum over the batches of that file version rated so far.</summary>
    Task<CdrRatingCounts> SumAsync(string file, string etag, CancellationToken cancellationToken);
}
