namespace ServerlessBilling.LocalHost.Commands;

internal readonly record struct RequestCounts(long Tables, long Queues, long Blobs)
{
    public long Total => Tables + Queues + Blobs;

    public static RequestCounts operator -(RequestCounts after, RequestCounts before) =>
        new(after.Tables - before.Tables, after.Queues - before.Queues, after.Blobs - before.Blobs);
}
