using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableIngestCountersTests(AzuriteFixture azurite)
{
    private static readonly LocalDate Day = new(2024, 2, 29);

    [Fact]
    public async Task AddAsync_ConcurrentWritersOnTheSameShards_LoseNoIncrement()
    {
        // Far more writers than shards: most share a row with another, so conditional replaces conflict and retry.
        var source = "counts-" + Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, TableIngestCounters.Shards * 3).Select(_ => new TableIngestCounters(azurite.Tables)).ToList();

        await Task.WhenAll(writers.SelectMany(w => Enumerable.Range(0, 5).Select(_ => w.AddAsync(source, Day, new IngestCounts(Received: 1, Queued: 2), CancellationToken.None))));

        var parts = await writers[0].ListAsync(source, Day, Day, CancellationToken.None);
        parts.Count.ShouldBeLessThanOrEqualTo(TableIngestCounters.Shards);
        IngestCountReport.Of(Day, Day, source, parts).Totals.ShouldHaveSingleItem().Counts
            .ShouldBe(new IngestCounts(Received: writers.Count * 5, Queued: writers.Count * 10));
    }

    [Fact]
    public async Task ListAsync_SourceAndRange_ReturnsOnlyThatSourcesDaysInRange()
    {
        var source = "range-" + Guid.NewGuid().ToString("N")[..8];
        var counters = new TableIngestCounters(azurite.Tables);
        await counters.AddAsync(source, Day.PlusDays(-1), new IngestCounts(Rated: 1), CancellationToken.None);
        await counters.AddAsync(source, Day, new IngestCounts(Rated: 2), CancellationToken.None);
        await counters.AddAsync(source, Day.PlusDays(1), new IngestCounts(Rated: 4), CancellationToken.None);
        await counters.AddAsync(source + "x", Day, new IngestCounts(Rated: 8), CancellationToken.None);

        var parts = await counters.ListAsync(source, Day, Day.PlusDays(1), CancellationToken.None);

        parts.OrderBy(p => p.Day).ShouldBe([new IngestCounter(source, Day, new IngestCounts(Rated: 2)), new IngestCounter(source, Day.PlusDays(1), new IngestCounts(Rated: 4))]);
    }
}
