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
public sealed partial class TableUsageLedgerPackPagesTests(AzuriteFixture azurite) : IAsyncLifetime
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
