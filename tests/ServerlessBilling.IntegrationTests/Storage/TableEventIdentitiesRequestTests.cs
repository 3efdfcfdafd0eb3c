using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>How many requests a message's claims cost on Azurite, claimed the first time and delivered again.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableEventIdentitiesRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RequestCounter requests = new();
    private ScratchTables storage = null!;
    private IEventIdentities identities = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        storage = new ScratchTables(azurite).With(options);
        identities = await storage.ReadyAsync<IEventIdentities>(new TableEventIdentities(storage));
    }

    public async Task DisposeAsync() => await storage.DeleteAsync();

    [Fact]
    public async Task TryClaimAllAsync_MessageDeliveredAgain_ReadsEachBucketOnceAfterTheFirstIsRefused()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var claims = Enumerable.Range(0, 40).Select(i => new IdentityClaim(Samples.Rated("acme", Samples.October, $"{run}-{i}"), $"m1#{i}")).ToList();
        var buckets = claims.GroupBy(c => EventIdentityKeys.Partition(c.Identity)).Select(b => b.Count()).OrderDescending().ToList();
        var largest = buckets[0];
        requests.Reset();
        (await identities.TryClaimAllAsync(claims, default)).ShouldAllBe(r => r == null);
        requests.Count.ShouldBe(buckets.Count); // one transaction, or one insert, per bucket
        requests.Reset();

        var again = claims.Select((c, i) => c with { Delivery = $"m2#{i}" }).ToList();
        var results = await identities.TryClaimAllAsync(again, default);

        results.Select(r => r!.Delivery).ShouldBe(claims.Select(c => c.Delivery));
        // The largest bucket's transaction is refused and its claims read (an insert and a read if it holds one); every other
        // bucket is only read, one query per 14 identities.
        var first = largest > 1 ? 1 + Queries(largest) : 2;
        requests.Count.ShouldBe(first + buckets.Skip(1).Sum(Queries));
    }

    private static int Queries(int identities) => (identities + 13) / 14;

    /// <summary>Counts every request sent through it.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
    }
}
