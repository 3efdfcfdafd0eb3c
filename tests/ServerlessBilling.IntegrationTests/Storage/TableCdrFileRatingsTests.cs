using ServerlessBilling.Storage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableCdrFileRatingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordAsync_SameBatchTwice_KeepsTheFirstCountsAndSumsPerVersion()
    {
        var ratings = new TableCdrFileRatings(azurite.Tables);
        var file = $"freeswitch/Europe/Berlin/{Guid.NewGuid():N}.csv";
        var first = new CdrBatch(file, "\"0x1\"", 1, 120);

        await ratings.RecordAsync(first, new CdrRatingCounts(Rated: 95, Duplicates: 3, Unattributed: 2), CancellationToken.None);
        await ratings.RecordAsync(first, new CdrRatingCounts(Duplicates: 100), CancellationToken.None); // the retried message
        await ratings.RecordAsync(new CdrBatch(file, "\"0x1\"", 121, 130), new CdrRatingCounts(Rated: 9, Unpriced: 1), CancellationToken.None);
        await ratings.RecordAsync(new CdrBatch(file, "\"0x2\"", 1, 120), new CdrRatingCounts(Duplicates: 100), CancellationToken.None);

        (await ratings.SumAsync(file, "\"0x1\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 104, Duplicates: 3, Unattributed: 2, Unpriced: 1));
        (await ratings.SumAsync(file, "\"0x3\"", CancellationToken.None)).ShouldBe(CdrRatingCounts.None);
    }
}
