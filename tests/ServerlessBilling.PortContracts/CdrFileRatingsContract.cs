using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.PortContracts;

/// <summary>Rating counts per CDR batch: the first counts of a batch win, and a file version's sum covers its own batches only.</summary>
public abstract class CdrFileRatingsContract : PortContract<ICdrFileRatings>
{
    [Fact]
    public async Task SumAsync_NothingRecorded_IsNone() =>
        (await Port.SumAsync("asterisk/f.csv", "\"0x1\"", default)).ShouldBe(CdrRatingCounts.None);

    [Fact]
    public async Task RecordAsync_SameBatchAgain_FirstCountsWin()
    {
        var batch = new CdrBatch("asterisk/f.csv", "\"0x1\"", 1, 100);
        await Port.RecordAsync(batch, new CdrRatingCounts(Rated: 98, Unattributed: 2), default);

        await Port.RecordAsync(batch, new CdrRatingCounts(Duplicates: 100), default);

        (await Port.SumAsync("asterisk/f.csv", "\"0x1\"", default)).ShouldBe(new CdrRatingCounts(Rated: 98, Unattributed: 2));
    }

    [Fact]
    public async Task SumAsync_SeveralBatchesAndVersions_SumsTheBatchesOfThatVersion()
    {
        await Port.RecordAsync(new CdrBatch("asterisk/f.csv", "\"0x1\"", 1, 100), new CdrRatingCounts(Rated: 100), default);
        await Port.RecordAsync(new CdrBatch("asterisk/f.csv", "\"0x1\"", 101, 150), new CdrRatingCounts(Rated: 49, Unpriced: 1), default);
        await Port.RecordAsync(new CdrBatch("asterisk/f.csv", "\"0x2\"", 1, 100), new CdrRatingCounts(Duplicates: 100), default);
        await Port.RecordAsync(new CdrBatch("asterisk/g.csv", "\"0x1\"", 1, 10), new CdrRatingCounts(Rated: 10), default);

        (await Port.SumAsync("asterisk/f.csv", "\"0x1\"", default)).ShouldBe(new CdrRatingCounts(Rated: 149, Unpriced: 1));
    }

    [Fact]
    public async Task RecordAsync_PartsOfOneWindow_EachPartCountsOnce()
    {
        var first = new CdrBatch("asterisk/f.csv", "\"0x1\"", 1, 180, Part: 0);
        var second = new CdrBatch("asterisk/f.csv", "\"0x1\"", 1, 200, Part: 1);
        await Port.RecordAsync(first, new CdrRatingCounts(Rated: 50), default);
        await Port.RecordAsync(second, new CdrRatingCounts(Rated: 49, Unattributed: 1), default);

        await Port.RecordAsync(second, new CdrRatingCounts(Duplicates: 50), default); // the second part's message delivered again
        await Port.RecordAsync(new CdrBatch("asterisk/f.csv", "\"0x1\"", 1, 100), new CdrRatingCounts(Rated: 7), default); // a whole batch, as read before windows

        (await Port.SumAsync("asterisk/f.csv", "\"0x1\"", default)).ShouldBe(new CdrRatingCounts(Rated: 106, Unattributed: 1));
    }

    [Fact]
    public async Task ContainsAsync_ABatchByItsDeliveryName_OnlyOnceItsCountsAreRecorded()
    {
        var part = new CdrBatch("asterisk/f|g.csv", "\"0x1\"", 10001, 12000, CdrBatch.WholeWindow);
        var named = CdrBatch.FromDeliveryName(part.DeliveryName)!;
        (await Port.ContainsAsync(named, default)).ShouldBeFalse();

        await Port.RecordAsync(part, new CdrRatingCounts(Rated: 2000), default);

        (await Port.ContainsAsync(named, default), await Port.ContainsAsync(named with { Part = 0 }, default), await Port.ContainsAsync(named with { ETag = "\"0x2\"" }, default))
            .ShouldBe((true, false, false));
    }
}
