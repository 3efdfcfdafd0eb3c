using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>How many rows a page of calls asks the table for: about the calls wanted over the calls a row, so a page of packs does
/// not fetch fifty times the rows it lists, and a page of ordinary rows is one request once the cursor knows they are one call each;
/// a whole period is read twenty rows a request while they may be packs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class TableUsageLedgerPackPageRequestsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly QueryRecorder queries = new();
    private ScratchTables storage = null!;
    private TableUsageLedger ledger = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(queries, HttpPipelinePosition.PerRetry);
        storage = new ScratchTables(azurite).With(options);
        ledger = await storage.ReadyAsync(new TableUsageLedger(storage));
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ListAsync_PeriodOfTwentyFullPacks_AsksForTheRowsOfAPageOnly()
    {
        var usage = storage.GetTableClient(StorageNames.UsageTable);
        var partition = TableKeys.Escape($"acme|{Samples.October.Key}");
        for (var p = 0; p < 20; p++)
        {
            var calls = Enumerable.Range(0, 50).Select(i => Samples.Rated("acme", Samples.October, $"c{p:D2}-{i:D2}"))
                .Select(r => PackedCall.Of(r, JsonSerializer.Serialize(r, LedgerDocumentJson.Options)));
            await usage.AddEntityAsync(UsagePacks.Create(partition, $"{UsagePacks.KeyPrefix}batch.{p:D6}", calls));
        }

        queries.Clear();
        var first = await ledger.ListAsync("acme", Samples.October, new PageRequest(null, 500), default);
        var second = await ledger.ListAsync("acme", Samples.October, new PageRequest(first.ContinuationToken, 500), default);

        first.Items.Count.ShouldBe(500);
        second.Items.Count.ShouldBe(500);
        first.Items.Concat(second.Items).Select(r => r.Event.EventId).ShouldBeUnique();
        queries.RowsAsked.ShouldBe([10, 10]); // 500 calls over 50 a row, not 500 rows of 50 calls
    }

    [Fact]
    public async Task ListAsync_PeriodOfOrdinaryRows_IsOneRequestAPageAfterTheFirst()
    {
        var rows = Enumerable.Range(0, 120).Select(i => Samples.Rated("acme", Samples.October, $"e{i:D3}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);

        queries.Clear();
        var listed = new List<RatedUsage>();
        var requests = new List<int>();
        string? cursor = null;
        do
        {
            var before = queries.RowsAsked.Count;
            var page = await ledger.ListAsync("acme", Samples.October, new PageRequest(cursor, 50), default);
            requests.Add(queries.RowsAsked.Count - before);
            listed.AddRange(page.Items);
            cursor = page.ContinuationToken;
        }
        while (cursor is not null);

        listed.Select(Samples.Json).ShouldBe(rows.Select(Samples.Json));

        // The first page guesses packs (1 row for 50 calls), learns, and asks for the rest; the cursor carries what it learnt.
        requests.ShouldBe([2, 1, 1]);
    }

    [Fact]
    public async Task ListAsync_WholePeriodOfPacksAndRows_ReadsTwentyPacksARequestUntilPastThem()
    {
        var usage = storage.GetTableClient(StorageNames.UsageTable);
        var partition = TableKeys.Escape($"acme|{Samples.October.Key}");
        var packed = new List<RatedUsage>();
        for (var p = 0; p < 120; p++)
        {
            var calls = Enumerable.Range(0, 50).Select(i => Samples.Rated("acme", Samples.October, $"c{p:D3}-{i:D2}")).ToList();
            packed.AddRange(calls);
            await usage.AddEntityAsync(UsagePacks.Create(
                partition, $"{UsagePacks.KeyPrefix}batch.{p:D6}", calls.Select(r => PackedCall.Of(r, JsonSerializer.Serialize(r, LedgerDocumentJson.Options)))));
        }

        var alone = Enumerable.Range(0, 200).Select(i => Samples.Rated("acme", Samples.October, $"e{i:D3}")).ToList();
        (await ledger.TryRecordAllAsync(alone, default)).ShouldAllBe(written => written);

        queries.Clear();
        var listed = await ledger.ListAsync("acme", Samples.October, default);

        listed.Select(Samples.Json).Order().ShouldBe(packed.Concat(alone).Select(Samples.Json).Order());
        // 100 packs first (a short period's rows in one request); then 20 packs a request, as many calls as 1,000 rows; past the
        // packs, the other 180 rows at up to 1,000 a request.
        queries.RowsAsked.ShouldBe([100, 20, 20, 1000]);
    }

    [Fact]
    public async Task ListAsync_WholePeriodOfOrdinaryRows_AsksForAThousandFromTheSecondRequest()
    {
        var rows = Enumerable.Range(0, 250).Select(i => Samples.Rated("acme", Samples.October, $"e{i:D3}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);

        queries.Clear();
        var listed = await ledger.ListAsync("acme", Samples.October, default);

        listed.Select(Samples.Json).ShouldBe(rows.Select(Samples.Json));
        queries.RowsAsked.ShouldBe([100, 1000]);
    }

    /// <summary>The <c>$top</c> of every query the ledger sends.</summary>
    private sealed partial class QueryRecorder : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<int> asked = new();

        public IReadOnlyList<int> RowsAsked => [.. asked];

        public void Clear() => asked.Clear();

        public override void OnSendingRequest(HttpMessage message)
        {
            var query = Uri.UnescapeDataString(message.Request.Uri.Query);
            if (message.Request.Method == RequestMethod.Get && Top().Match(query) is { Success: true } top)
            {
                asked.Enqueue(int.Parse(top.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        [GeneratedRegex(@"\$top=(\d+)")]
        private static partial Regex Top();
    }
}
