using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Ingest counters per source and day: adds are summed (a source and day may come back in several parts, so
/// every check sums them), nothing is stored for an empty add, a listing keeps to its source and its days (both ends included).</summary>
public abstract class IngestCountersContract : PortContract<IIngestCounters>
{
    private static readonly LocalDate Day = new(2024, 2, 29);

    [Fact]
    public async Task ListAsync_NothingAdded_IsEmpty() =>
        (await Port.ListAsync(null, Day, Day, default)).ShouldBeEmpty();

    [Fact]
    public async Task AddAsync_SeveralAddsOfASourceAndDay_ListSumsToTheirTotal()
    {
        await Port.AddAsync("twilio", Day, new IngestCounts(Received: 1, Accepted: 1, Queued: 3), default);
        await Port.AddAsync("twilio", Day, new IngestCounts(Received: 1, Rejected: 1), default);
        await Port.AddAsync("twilio", Day, new IngestCounts(Rated: 3, Duplicates: 1, Quarantined: 2, Ignored: 4), default);

        var parts = await Port.ListAsync("twilio", Day, Day, default);

        parts.ShouldAllBe(p => p.Source == "twilio" && p.Day == Day);
        Sums(parts).ShouldBe([new IngestCounter("twilio", Day, new IngestCounts(2, 1, 4, 1, 3, 2, 3, 1))]);
    }

    [Fact]
    public async Task AddAsync_None_StoresNothing()
    {
        await Port.AddAsync("twilio", Day, IngestCounts.None, default);

        (await Port.ListAsync(null, Day, Day, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_ConcurrentAdds_LoseNone()
    {
        await AllAtOnceAsync(16, async _ =>
        {
            await Port.AddAsync("retell", Day, new IngestCounts(Received: 1, Queued: 2), default);
            return true;
        });

        Sums(await Port.ListAsync("retell", Day, Day, default)).ShouldBe([new IngestCounter("retell", Day, new IngestCounts(Received: 16, Queued: 32))]);
    }

    [Fact]
    public async Task ListAsync_SourceAndRange_KeepsToThatSourceAndItsDaysBothEndsIncluded()
    {
        await Port.AddAsync("vapi", Day.PlusDays(-1), new IngestCounts(Rated: 1), default);
        await Port.AddAsync("vapi", Day, new IngestCounts(Rated: 2), default);
        await Port.AddAsync("vapi", Day.PlusDays(1), new IngestCounts(Rated: 4), default);
        await Port.AddAsync("vapi", Day.PlusDays(2), new IngestCounts(Rated: 8), default);
        await Port.AddAsync("vapi-eu", Day, new IngestCounts(Rated: 16), default);
        await Port.AddAsync("vap", Day, new IngestCounts(Rated: 32), default);

        Sums(await Port.ListAsync("vapi", Day, Day.PlusDays(1), default)).ShouldBe(
            [new IngestCounter("vapi", Day, new IngestCounts(Rated: 2)), new IngestCounter("vapi", Day.PlusDays(1), new IngestCounts(Rated: 4))]);
        (await Port.ListAsync("nobody", Day.PlusDays(-1), Day.PlusDays(2), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_AllSources_ListsEverySourceInRange()
    {
        await Port.AddAsync("twilio", Day, new IngestCounts(Received: 1), default);
        await Port.AddAsync("cdr/asterisk", Day, new IngestCounts(Received: 2), default);
        await Port.AddAsync("telnyx", Day.PlusDays(1), new IngestCounts(Received: 4), default);

        Sums(await Port.ListAsync(null, Day, Day, default)).ShouldBe(
            [new IngestCounter("cdr/asterisk", Day, new IngestCounts(Received: 2)), new IngestCounter("twilio", Day, new IngestCounts(Received: 1))]);
    }

    [Fact]
    public async Task AddOnceAsync_SameDeliveryAgain_CountsItOnce()
    {
        var first = await Port.AddOnceAsync("twilio", Day, new IngestCounts(Rated: 3, Duplicates: 1), "msg-1|twilio", default);
        var again = await Port.AddOnceAsync("twilio", Day, new IngestCounts(Rated: 3, Duplicates: 1), "msg-1|twilio", default);
        await Port.AddAsync("twilio", Day, new IngestCounts(Received: 1), default);

        (first, again).ShouldBe((true, false));
        Sums(await Port.ListAsync("twilio", Day, Day, default)).ShouldBe([new IngestCounter("twilio", Day, new IngestCounts(Received: 1, Rated: 3, Duplicates: 1))]);
    }

    [Fact]
    public async Task AddOnceAsync_OneDeliveryNameForOtherSourcesAndDays_CountsEach()
    {
        await Port.AddOnceAsync("twilio", Day, new IngestCounts(Rated: 1), "msg-2", default);
        await Port.AddOnceAsync("telnyx", Day, new IngestCounts(Rated: 2), "msg-2", default);
        await Port.AddOnceAsync("twilio", Day.PlusDays(1), new IngestCounts(Rated: 4), "msg-2", default);
        await Port.AddOnceAsync("twilio", Day, new IngestCounts(Rated: 8), "msg-3", default);

        Sums(await Port.ListAsync(null, Day, Day.PlusDays(1), default)).ShouldBe(
            [new IngestCounter("telnyx", Day, new IngestCounts(Rated: 2)), new IngestCounter("twilio", Day, new IngestCounts(Rated: 9)),
             new IngestCounter("twilio", Day.PlusDays(1), new IngestCounts(Rated: 4))]);
    }

    [Fact]
    public async Task AddOnceAsync_None_StoresNothingAndCountsNothing()
    {
        (await Port.AddOnceAsync("twilio", Day, IngestCounts.None, "msg-4", default)).ShouldBeFalse();

        (await Port.ListAsync(null, Day, Day, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddOnceAsync_ConcurrentRetriesOfOneDeliveryAmongOthers_CountsEachDeliveryOnce()
    {
        var added = await AllAtOnceAsync(16, i => Port.AddOnceAsync("retell", Day, new IngestCounts(Rated: 1, Held: i % 4 == 0 ? 1 : 0), $"msg-{i % 4}", default));

        added.Count(a => a).ShouldBe(4);
        Sums(await Port.ListAsync("retell", Day, Day, default)).ShouldBe([new IngestCounter("retell", Day, new IngestCounts(Rated: 4, Held: 1))]);
    }

    /// <summary>The parts summed per source and day, ordered by day then source.</summary>
    private static List<IngestCounter> Sums(IEnumerable<IngestCounter> parts) =>
        [.. parts.GroupBy(p => (p.Day, p.Source))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .Select(g => new IngestCounter(g.Key.Source, g.Key.Day, g.Aggregate(IngestCounts.None, (sum, p) => sum.Plus(p.Counts))))];
}
