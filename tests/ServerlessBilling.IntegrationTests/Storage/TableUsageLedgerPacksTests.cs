using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>How a CDR batch's calls are stored: fifty to a row, a long call and a webhook's call in rows of their own, and read back in
/// key order as when every call had its own row.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerPacksTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string account = "packs-" + Guid.NewGuid().ToString("N")[..8];
    private ScratchTables storage = null!;
    private IUsageLedger ledger = null!;

    public async Task InitializeAsync()
    {
        storage = new ScratchTables(azurite);
        ledger = await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage));
    }

    public async Task DisposeAsync() => await storage.DeleteAsync();

    private TableClient Table => storage.GetTableClient(StorageNames.UsageTable);

    private static string Delivery(int position) => $"cdr/october.csv|0x8DCAFE|1.0|asterisk#{position}";

    [Fact]
    public async Task TryRecordAllAsync_ABatchOf120Calls_IsThreeRowsOfFiftyFiftyAndTwenty()
    {
        // Written in reverse, so key order is not the order written.
        var calls = Enumerable.Range(0, 120).Select(i => Samples.Rated(account, Samples.October, $"c{119 - i:D3}")).ToList();

        await ledger.TryRecordAllAsync(calls, [.. Enumerable.Range(0, 120).Select(i => (string?)Delivery(i))], default);

        var rows = await RowsAsync();
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r.RowKey.StartsWith("%7E"));
        rows.Select(r => r.GetString("Keys").Split('\n').Length).Order().ShouldBe([20, 50, 50]);
        rows.ShouldAllBe(r => r.GetString("Source") == "twilio" && r.GetDateTimeOffset("StartedAt") <= r.GetDateTimeOffset("LastStartedAt"));
        (await ledger.ListAsync(account, Samples.October, default)).Select(u => u.Event.EventId)
            .ShouldBe(Enumerable.Range(0, 120).Select(i => $"c{i:D3}"));
    }

    [Fact]
    public async Task TryRecordAllAsync_ALongCallAWebhooksAndABatchsOthers_KeepTheirOwnRowsBesideThePack()
    {
        var ordinary = Samples.Rated(account, Samples.October, "short");
        var attributes = new Dictionary<string, string> { ["note"] = new string('x', UsagePacks.MaxDocumentChars) };
        var longCall = Samples.Rated(account, Samples.October, "long");
        longCall = longCall with { Event = longCall.Event with { Attributes = attributes } };
        var webhook = Samples.Rated(account, Samples.October, "hook");

        await ledger.TryRecordAllAsync([ordinary, longCall, webhook], [Delivery(0), Delivery(1), "msg-7#0"], default);

        var rows = await RowsAsync();
        rows.Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList().ShouldSatisfyAllConditions(
            keys => keys.Count.ShouldBe(3),
            keys => keys.ShouldContain("hook|telephony"),
            keys => keys.ShouldContain("long|telephony"),
            keys => keys.Count(k => k.StartsWith("%7E")).ShouldBe(1));
        (await ledger.ListAsync(account, Samples.October, default)).Select(u => u.Event.EventId).ShouldBe(["hook", "long", "short"]);
    }

    [Fact]
    public async Task ContainsAllAsync_ACallOfABatch_IsFoundWithItsDeliveryAndNotAsACallBilledBeforeClaims()
    {
        var call = Samples.Rated(account, Samples.October, "c1");
        await ledger.TryRecordAsync(call, Delivery(3), default);

        (await ledger.ContainsAllAsync(account, Samples.October, [call.Event.Identity], [Delivery(3)], default)).ShouldBe([true]);
        (await ledger.ContainsAllAsync(account, Samples.October, [call.Event.Identity], [Delivery(60)], default)).ShouldBe([false]);
        (await ledger.ContainsAsync(account, Samples.October, call.Event.Identity, default)).ShouldBeFalse();
    }

    private async Task<List<TableEntity>> RowsAsync()
    {
        var partition = TableKeys.Escape($"{account}|{Samples.October.Key}");
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }
}
