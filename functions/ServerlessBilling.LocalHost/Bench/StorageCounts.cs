namespace ServerlessBilling.LocalHost.Bench;

/// <summary>Billed storage requests by class, and how many rating messages were handled (one queue-triggered execution each).</summary>
public readonly record struct StorageCounts(long Tables, long Queues, long BlobWrites, long BlobReads, long RatingMessages)
{
    public long Total => Tables + Queues + BlobWrites + BlobReads;

    public static StorageCounts operator +(StorageCounts a, StorageCounts b) => new(
        a.Tables + b.Tables, a.Queues + b.Queues, a.BlobWrites + b.BlobWrites, a.BlobReads + b.BlobReads, a.RatingMessages + b.RatingMessages);

    public static StorageCounts operator -(StorageCounts after, StorageCounts before) => new(
        after.Tables - before.Tables, after.Queues - before.Queues, after.BlobWrites - before.BlobWrites, after.BlobReads - before.BlobReads,
        after.RatingMessages - before.RatingMessages);
}
