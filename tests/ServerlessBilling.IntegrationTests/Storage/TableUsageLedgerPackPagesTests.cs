using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The ledger's paged reads over usage packs beside ordinary rows: a pack's calls are counted one by one, a page never holds
/// more than asked, a page may end inside a pack and the next goes on with the rest of it, and a pack rewritten between two pages
/// loses or repeats none of the calls it kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerPackPagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly LedgerTables Four = new(4);

    private readonly ScratchTables storage = new(azurite);
    private TableUsageLedger ledger = null!;

    public async Task InitializeAsync() => ledger = await storage.ReadyAsync(new TableUsageLedger(storage, ledger: Four));

    public Task DisposeAsync() => storage.DeleteAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1000)]
    public async Task ListAsync_PacksBetweenOrdinaryRows_ListsEveryCallOnceInFullPagesNoLargerThanTheLimit(int limit)
    {
        var recorded = await RecordMixedPeriodAsync("acme", Samples.October);

        var pages = await AllPagesAsync(cursor => ListAsync("acme", Samples.October, cursor, limit));

        AssertPages(pages, limit);
        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(recorded.Select(Samples.Json), ignoreOrder: true);
    }

    [Fact]
    public async Task ListAsync_PackRewrittenBetweenPages_ListsEachCallItKeptOnceAndNoneTakenOut()
    {
        var calls = Calls("acme", Samples.October, "call", 20);
        await AddPackAsync("acme", Samples.October, "batch", calls);
        var first = await ledger.ListAsync("acme", Samples.October, new PageRequest(null, 7), default);
        first.Items.Count.ShouldBe(7);

        // After the first page: one call taken out after the cursor, one before it, and one merged in after it.
        var removedAfter = calls[12];
        var removedBefore = calls[2];
        var added = Samples.Rated("acme", Samples.October, "call-15b");
        await RewritePackAsync("acme", Samples.October, "batch", c => c.Key != Key(removedAfter) && c.Key != Key(removedBefore), added);

        var rest = await AllPagesAsync(cursor => ListAsync("acme", Samples.October, cursor, 7), first.ContinuationToken);

        var listed = first.Items.Concat(rest.SelectMany(p => p)).Select(Samples.Json).ToList();
        listed.ShouldBeUnique();
        listed.ShouldBe(calls.Where(c => c != removedAfter).Append(added).Select(Samples.Json), ignoreOrder: true);
        AssertPages([first.Items, .. rest], 7);
    }

    [Fact]
    public async Task ListAsync_PackGrowsBeforeTheCursorAndShrinksToItBetweenPages_RepeatsNothingAndGoesOnToTheNextRow()
    {
        var calls = Calls("acme", Samples.October, "call", 10);
        await AddPackAsync("acme", Samples.October, "batch", calls);
        var after = Samples.Rated("acme", Samples.October, "zz-after");
        await ledger.TryRecordAsync(after, default);
        var first = await ledger.ListAsync("acme", Samples.October, new PageRequest(null, 4), default);

        // Everything after the cursor taken out of the pack, and a call merged in before it.
        var kept = first.Items.Select(Key).ToHashSet(StringComparer.Ordinal);
        await RewritePackAsync("acme", Samples.October, "batch", c => kept.Contains(c.Key), Samples.Rated("acme", Samples.October, "call-00a"));
        var rest = await AllPagesAsync(cursor => ListAsync("acme", Samples.October, cursor, 4), first.ContinuationToken);

        rest.SelectMany(p => p).Select(Samples.Json).ShouldBe([Samples.Json(after)]);
    }

    [Fact]
    public async Task ListAsync_ContinuationTokenOfTheTableService_GoesOnFromItsRow()
    {
        var recorded = new List<RatedUsage>();
        for (var i = 0; i < 5; i++)
        {
            recorded.Add(Samples.Rated("acme", Samples.October, $"e{i}"));
            await ledger.TryRecordAsync(recorded[^1], default);
        }

        var serviceToken = await ServiceTokenAfterAsync(TableOf("acme"), TablePaging.Partition(Partition("acme", Samples.October)), 2);
        var pages = await AllPagesAsync(cursor => ListAsync("acme", Samples.October, cursor, 2), serviceToken);

        pages.SelectMany(p => p).Select(Samples.Json).ShouldBe(recorded.Skip(2).Select(Samples.Json));
    }

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

    /// <summary>Records a period of 62 calls: ordinary rows keyed before the packs (<c>!</c> and <c>#</c> sort before <c>%7E</c>) and
    /// after them, and packs of 50, 7 and 1 calls.</summary>
    private async Task<List<RatedUsage>> RecordMixedPeriodAsync(string account, BillingPeriod period)
    {
        var recorded = new List<RatedUsage>();
        foreach (var id in new[] { "!early", "#hash", "late-1", "late-2" })
        {
            var usage = Samples.Rated(account, period, id);
            (await ledger.TryRecordAsync(usage, default)).ShouldBeTrue();
            recorded.Add(usage);
        }

        foreach (var (name, count) in new[] { ("big", 50), ("small", 7), ("one", 1) })
        {
            var calls = Calls(account, period, name, count);
            await AddPackAsync(account, period, name, calls);
            recorded.AddRange(calls);
        }

        return recorded;
    }

    private static List<RatedUsage> Calls(string account, BillingPeriod period, string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Samples.Rated(account, period, $"{prefix}-{i:D2}"))];

    private Task AddPackAsync(string account, BillingPeriod period, string name, IEnumerable<RatedUsage> calls) =>
        TableOf(account).AddEntityAsync(UsagePacks.Create(Partition(account, period), PackKey(name), calls.Select(Packed)));

    /// <summary>Writes the pack again with the calls <paramref name="keep"/> admits and <paramref name="added"/>, as a merge does.</summary>
    private async Task RewritePackAsync(string account, BillingPeriod period, string name, Func<PackedCall, bool> keep, RatedUsage added)
    {
        var table = TableOf(account);
        var pack = (await table.GetEntityAsync<TableEntity>(Partition(account, period), PackKey(name))).Value;
        var calls = UsagePacks.CallsOf(pack).Where(keep).Append(Packed(added));
        await table.UpdateEntityAsync(UsagePacks.Create(pack.PartitionKey, pack.RowKey, calls), pack.ETag, TableUpdateMode.Replace);
    }

    private static PackedCall Packed(RatedUsage rated) => PackedCall.Of(rated, JsonSerializer.Serialize(rated, LedgerDocumentJson.Options));

    private static string PackKey(string name) => $"{UsagePacks.KeyPrefix}{name}.000000";

    private static string Key(RatedUsage rated) => EventIdentityKeys.Row(rated.Event.Identity);

    private static string Partition(string account, BillingPeriod period) => TableKeys.Escape($"{account}|{period.Key}");

    private TableClient TableOf(string account) => storage.GetTableClient(Four.UsageTables[Four.UsageTableOf(account)]);

    private static RatedUsage At(RatedUsage usage, Instant startedAt, string source) =>
        usage with { Event = usage.Event with { StartedAt = startedAt, Source = source } };

    private async Task<(IReadOnlyList<RatedUsage> Rows, string? Next)> ListAsync(string account, BillingPeriod period, string? cursor, int limit)
    {
        var page = await ledger.ListAsync(account, period, new PageRequest(cursor, limit), default);
        return (page.Items, page.ContinuationToken);
    }

    private static async Task<List<IReadOnlyList<RatedUsage>>> AllPagesAsync(
        Func<string?, Task<(IReadOnlyList<RatedUsage> Rows, string? Next)>> read, string? cursor = null)
    {
        var pages = new List<IReadOnlyList<RatedUsage>>();
        do
        {
            var (rows, next) = await read(cursor);
            pages.Add(rows);
            cursor = next;
            pages.Count.ShouldBeLessThan(2_000);
        }
        while (cursor is not null);

        return pages;
    }

    /// <summary>Every page but the last is full (nothing is filtered out), the last holds the rest.</summary>
    private static void AssertPages(IReadOnlyList<IReadOnlyList<RatedUsage>> pages, int limit)
    {
        pages.SkipLast(1).ShouldAllBe(p => p.Count == limit);
        pages[^1].Count.ShouldBeLessThanOrEqualTo(limit);
    }

    /// <summary>The table service's own token after the first <paramref name="rows"/> rows, as a page ended before packs were read.</summary>
    private static async Task<string> ServiceTokenAfterAsync(TableClient table, string? filter, int rows)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, rows).AsPages(null, rows))
        {
            page.Values.Count.ShouldBe(rows);
            return page.ContinuationToken.ShouldNotBeNull();
        }

        throw new InvalidOperationException("The table returned no page.");
    }

    private static IEnumerable<string> AccountsIn(int table) =>
        Enumerable.Range(0, 1000).Select(i => $"acct-{i}").Where(a => Four.UsageTableOf(a) == table);
}
