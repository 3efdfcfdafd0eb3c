using System.Collections.Concurrent;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

/// <summary>Rating outcomes per CDR batch in memory, first count wins as in the table; windows rated at once record from several threads.</summary>
public sealed class InMemoryCdrFileRatings : ICdrFileRatings
{
    private readonly ConcurrentDictionary<(string File, string ETag, string Key), CdrRatingCounts> batches = new();

    public Task RecordAsync(CdrBatch batch, CdrRatingCounts counts, CancellationToken cancellationToken)
    {
        batches.TryAdd((batch.File, batch.ETag, batch.Key), counts);
        return Task.CompletedTask;
    }

    public Task<bool> ContainsAsync(CdrBatch batch, CancellationToken cancellationToken) =>
        Task.FromResult(batches.ContainsKey((batch.File, batch.ETag, batch.Key)));

    public Task<CdrRatingCounts> SumAsync(string file, string etag, CancellationToken cancellationToken) =>
        Task.FromResult(batches.Where(b => b.Key.File == file && b.Key.ETag == etag).Aggregate(CdrRatingCounts.None, (sum, b) => sum.Plus(b.Value)));
}
