using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>How many requests the ledger's batched check of duplicates costs on Azurite, and that it still finds rows written before
/// identities were kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerReadTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ReadCounter reads = new();
    private ScratchTables storage = null!;
    private IUsageLedger ledger = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(reads, HttpPipelinePosition.PerRetry);
        storage = new ScratchTables(azurite).With(options);
        ledger = await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage));
    }

    public async Task DisposeAsync() => await storage.DeleteAsync();

    [Fact]
    public async Task ContainsAllAsync_ThirteenRecordedIdentities_ReadsThemInOneQueryNamingTheirKeys()
    {
        var rows = Enumerable.Range(1, 13).Select(i => Samples.Rated("acme", Samples.October, $"dup-{i}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);
        reads.Reset();

        var answers = await ledger.ContainsAllAsync("acme", Samples.October, [.. rows.Select(r => r.Event.Identity)], default);

        answers.ShouldBe(Enumerable.Repeat(true, 13));
        reads.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ContainsAllAsync_ThirtyRecordedIdentities_ReadsThemInOneRangeQuery()
    {
        var rows = Enumerable.Range(1, 30).Select(i => Samples.Rated("acme", Samples.October, $"dup-{i}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);
        reads.Reset();

        var answers = await ledger.ContainsAllAsync("acme", Samples.October, [.. rows.Select(r => r.Event.Identity)], default);

        answers.ShouldBe(Enumerable.Repeat(true, 30));
        reads.Count.ShouldBe(1); // 30 keys by name are 3 queries
    }

    [Fact]
    public async Task ContainsAllAsync_KeysSpreadOverMoreThanAPage_StopsTheRangeAndReadsTheRestByKey()
    {
        // 30 of 1,500 rows, one in every 50: the range from the first to the last holds 1,451 rows, two pages of up to 1,000.
        var rows = Enumerable.Range(0, 1_500).Select(i => Samples.Rated("acme", Samples.October, $"row-{i:D4}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);
        reads.Reset();

        var answers = await ledger.ContainsAllAsync("acme", Samples.October, [.. rows.Where((_, i) => i % 50 == 0).Select(r => r.Event.Identity)], default);

        answers.ShouldBe(Enumerable.Repeat(true, 30));
        reads.Count.ShouldBe(2); // one page of the range (rows 0 to 999: 20 keys), then one query naming the other 10 keys
    }

    [Fact]
    public async Task ContainsAllAsync_RowUnderItsOldKey_IsFoundByItsIdentity()
    {
        var old = Samples.Rated("acme", Samples.October, "old-1");
        var partition = TableKeys.Escape($"acme|{Samples.October.Key}");
        await storage.GetTableClient(StorageNames.UsageTable).AddEntityAsync(
            new TableEntity(partition, TableKeys.Escape("old-1")) { ["Document"] = JsonSerializer.Serialize(old, BillingJson.Options) });
        await ledger.TryRecordAsync(Samples.Rated("acme", Samples.October, "new-1"), default);

        var answers = await ledger.ContainsAllAsync(
            "acme", Samples.October, [old.Event.Identity, new EventIdentity("new-1", UsageComponent.Telephony), new EventIdentity("none-1", UsageComponent.Telephony)], default);

        answers.ShouldBe([true, true, false]);
    }

    /// <summary>Counts the GET requests (point reads and queries) sent through it.</summary>
    private sealed class ReadCounter : HttpPipelineSynchronousPolicy
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get)
            {
                Interlocked.Increment(ref count);
            }
        }
    }
}
