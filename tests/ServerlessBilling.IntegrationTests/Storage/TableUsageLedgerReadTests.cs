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
    public async Task ContainsAllAsync_ThirtyRecordedIdentities_ReadsThemInThreeQueries()
    {
        var rows = Enumerable.Range(1, 30).Select(i => Samples.Rated("acme", Samples.October, $"dup-{i}")).ToList();
        (await ledger.TryRecordAllAsync(rows, default)).ShouldAllBe(written => written);
        reads.Reset();

        var answers = await ledger.ContainsAllAsync("acme", Samples.October, [.. rows.Select(r => r.Event.Identity)], default);

        answers.ShouldAllBe(recorded => recorded);
        answers.Count.ShouldBe(30);
        reads.Count.ShouldBe(3); // 14 + 14 + 2 row keys
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
