using NodaTime;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A source's calls of a period, and every account's calls across tables, over packs.</summary>
public sealed partial class TableUsageLedgerPackPagesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task ListBySourceAsync_PacksWhoseCallsStartInAndAroundTheInterval_ListsTheSourcesCallsStartedInItOnce(int limit)
    {
        var november = new Interval(Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 12, 1, 0, 0));
        var (acme, period) = ("acme", Samples.November);
        var straddling = new[] { Instant.FromUtc(2026, 10, 31, 23, 0), november.Start, Instant.FromUtc(2026, 11, 15, 0, 0), november.End }
            .Select((at, i) => At(Samples.Rated(acme, period, $"twilio-s{i}"), at, "twilio")).ToList();
        var around = new[] { Instant.FromUtc(2026, 10, 20, 0, 0), Instant.FromUtc(2026, 12, 5, 0, 0) }
            .Select((at, i) => At(Samples.Rated(acme, period, $"twilio-a{i}"), at, "twilio")).ToList();
        var inside = Enumerable.Range(0, 12).Select(i => At(Samples.Rated(acme, period, $"twilio-i{i:D2}"), november.Start.Plus(Duration.FromHours(i + 30)), "twilio")).ToList();
        var before = Enumerable.Range(0, 3).Select(i => At(Samples.Rated(acme, period, $"twilio-b{i}"), Instant.FromUtc(2026, 10, 3 + i, 0, 0), "twilio")).ToList();
        var retell = Enumerable.Range(0, 3).Select(i => At(Samples.Rated(acme, period, $"retell-r{i}"), Instant.FromUtc(2026, 11, 3 + i, 0, 0), "retell")).ToList();
        await AddPackAsync(acme, period, "straddling", straddling);
        await AddPackAsync(acme, period, "around", around);
        await AddPackAsync(acme, period, "inside", inside);
        await AddPackAsync(acme, period, "before", before);
        await AddPackAsync(acme, period, "retell", retell);
        var ordinaryIn = At(Samples.Rated(acme, period, "!twilio-o1"), Instant.FromUtc(2026, 11, 9, 0, 0), "twilio");
        var ordinaryLater = At(Samples.Rated(acme, period, "twilio-o2"), Instant.FromUtc(2026, 11, 20, 0, 0), "twilio");
        foreach (var row in new[] { ordinaryIn, ordinaryLater, At(Samples.Rated(acme, period, "twilio-o3"), november.End, "twilio"), At(Samples.Rated(acme, period, "retell-o4"), november.Start, "retell") })
        {
            (await ledger.TryRecordAsync(row, default)).ShouldBeTrue();
        }

        var pages = await AllPagesAsync(async cursor =>
        {
            var page = await ledger.ListBySourceAsync(new BilledPeriod(acme, period.Key), "twilio", november, cursor, limit, default);
            return (page.Rows, page.ContinuationToken);
        });

        pages.ShouldAllBe(p => p.Count <= limit);
        var wanted = straddling.Skip(1).Take(2).Concat(inside).Append(ordinaryIn).Append(ordinaryLater);
        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(wanted.Select(Samples.Json), ignoreOrder: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1000)]
    public async Task ListPageAsync_PacksOfAccountsInFourTables_ListsEveryCallOnceInPagesNoLargerThanTheLimit(int limit)
    {
        var recorded = new List<RatedUsage>();
        foreach (var account in new[] { AccountsIn(0).First(), AccountsIn(0).Skip(1).First(), AccountsIn(2).First(), AccountsIn(3).First() })
        {
            recorded.AddRange(await RecordMixedPeriodAsync(account, Samples.October));
            recorded.AddRange(await RecordMixedPeriodAsync(account, Samples.November));
        }

        var pages = await AllPagesAsync(async cursor =>
        {
            var page = await ledger.ListPageAsync(null, cursor, limit, default);
            return (page.Rows, page.ContinuationToken);
        });

        pages.ShouldAllBe(p => p.Count <= limit);
        pages.SkipLast(1).ShouldAllBe(p => p.Count > 0);
        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(recorded.Select(Samples.Json), ignoreOrder: true);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(50)]
    public async Task ListPageAsync_OneAccountWithPacksInTwoPeriods_ListsItsCallsOnceAndNoneOfAnother(int limit)
    {
        var account = AccountsIn(1).First();
        var recorded = (await RecordMixedPeriodAsync(account, Samples.October)).Concat(await RecordMixedPeriodAsync(account, Samples.November)).ToList();
        await RecordMixedPeriodAsync(AccountsIn(1).Skip(1).First(), Samples.October);

        var pages = await AllPagesAsync(async cursor =>
        {
            var page = await ledger.ListPageAsync(account, cursor, limit, default);
            return (page.Rows, page.ContinuationToken);
        });

        AssertPages(pages, limit);
        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(recorded.Select(Samples.Json), ignoreOrder: true);
    }

    [Fact]
    public async Task ListPageAsync_CursorOfTableAndServiceTokenAsIssuedBefore_GoesOnFromItsRow()
    {
        var account = AccountsIn(2).First();
        var recorded = new List<RatedUsage>();
        for (var i = 0; i < 5; i++)
        {
            recorded.Add(Samples.Rated(account, Samples.October, $"e{i}"));
            await ledger.TryRecordAsync(recorded[^1], default);
        }

        var serviceToken = await ServiceTokenAfterAsync(TableOf(account), null, 3);
        var pages = await AllPagesAsync(async cursor =>
        {
            var page = await ledger.ListPageAsync(null, cursor, 10, default);
            return (page.Rows, page.ContinuationToken);
        }, $"2:{serviceToken}");

        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(recorded.Skip(3).Select(Samples.Json));
    }
}
