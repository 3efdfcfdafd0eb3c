using Microsoft.Extensions.Time.Testing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>What rating keeps of its lookups: found values for the configured time, never an absence, nothing read across a write.</summary>
public sealed class RatingLookupCacheTests
{
    private readonly FakeTimeProvider clock = new();
    private int reads;

    [Fact]
    public async Task GetAsync_WithinTheTime_ReadsOnce()
    {
        var cache = new RatingLookupCache(TimeSpan.FromSeconds(30), clock);

        await cache.GetAsync("plan|voice", ReadAsync, default);
        clock.Advance(TimeSpan.FromSeconds(29));
        var kept = await cache.GetAsync("plan|voice", ReadAsync, default);

        (kept, reads).ShouldBe(("value 1", 1));
    }

    [Fact]
    public async Task GetAsync_AfterTheTime_ReadsAgain()
    {
        var cache = new RatingLookupCache(TimeSpan.FromSeconds(30), clock);

        await cache.GetAsync("plan|voice", ReadAsync, default);
        clock.Advance(TimeSpan.FromSeconds(30));
        var read = await cache.GetAsync("plan|voice", ReadAsync, default);

        (read, reads).ShouldBe(("value 2", 2));
    }

    [Fact]
    public async Task GetAsync_AfterInvalidate_ReadsAgain()
    {
        var cache = new RatingLookupCache(TimeSpan.FromSeconds(30), clock);

        await cache.GetAsync("plan|voice", ReadAsync, default);
        cache.Invalidate();
        var read = await cache.GetAsync("plan|voice", ReadAsync, default);

        (read, reads).ShouldBe(("value 2", 2));
    }

    [Fact]
    public async Task GetAsync_NothingFound_IsReadEveryTime()
    {
        var cache = new RatingLookupCache(TimeSpan.FromSeconds(30), clock);

        await cache.GetAsync<string>("number|+13125550142", _ => { reads++; return Task.FromResult<string?>(null); }, default);
        await cache.GetAsync<string>("number|+13125550142", _ => { reads++; return Task.FromResult<string?>(null); }, default);

        reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_AReadThatOverlapsAWrite_IsNotKept()
    {
        var cache = new RatingLookupCache(TimeSpan.FromSeconds(30), clock);

        // The write (and its invalidation) lands while the read is in flight: what it read may predate the write.
        await cache.GetAsync("plan|voice", _ => { reads++; cache.Invalidate(); return Task.FromResult<string?>("before the write"); }, default);
        var read = await cache.GetAsync("plan|voice", ReadAsync, default);

        (read, reads).ShouldBe(("value 2", 2));
    }

    [Fact]
    public async Task GetAsync_TimeZero_ReadsEveryTime()
    {
        var cache = new RatingLookupCache(TimeSpan.Zero, clock);

        await cache.GetAsync("plan|voice", ReadAsync, default);
        await cache.GetAsync("plan|voice", ReadAsync, default);

        reads.ShouldBe(2);
    }

    private Task<string?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<string?>($"value {++reads}");
}
