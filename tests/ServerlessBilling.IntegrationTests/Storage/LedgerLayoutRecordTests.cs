using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A storage account keeps the ledger table count it was first used with: the same count starts, another is refused by name.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LedgerLayoutRecordTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ScratchTables storage = new(azurite);

    public async Task InitializeAsync()
    {
        foreach (var table in new[] { StorageNames.StorageLayoutTable, StorageNames.UsageTable, StorageNames.EventIdentitiesTable })
        {
            await storage.GetTableClient(table).CreateIfNotExistsAsync();
        }
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task EnsureAsync_FreshAccount_RecordsTheCountAndAcceptsItAgain()
    {
        await LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(16), default);
        await LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(16), default);

        var row = (await RowsAsync(storage.GetTableClient(StorageNames.StorageLayoutTable))).ShouldHaveSingleItem();
        row.GetInt32("Count").ShouldBe(16);
    }

    [Fact]
    public async Task EnsureAsync_AnotherCount_IsRefusedNamingTheSettingAndTheRecordedCount()
    {
        await LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(16), default);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(4), default));

        refused.Message.ShouldContain("Storage:LedgerTables");
        refused.Message.ShouldContain("is 4");
        refused.Message.ShouldContain("set it to 16");
    }

    [Fact]
    public async Task EnsureAsync_AccountWithUsageButNoRecord_IsOneTable()
    {
        var ledger = await storage.ReadyAsync(new TableUsageLedger(storage));
        await ledger.TryRecordAsync(Samples.Rated("acme", Samples.October, "e1"), default);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(16), default));
        refused.Message.ShouldContain("set it to 1");

        await LedgerLayoutRecord.EnsureAsync(storage, LedgerTables.Single, default);
    }

    [Fact]
    public async Task EnsureAsync_TwoStartsAtOnce_RecordOneCountAndRefuseTheOther()
    {
        var starts = await Task.WhenAll(
            Outcome(() => LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(8), default)),
            Outcome(() => LedgerLayoutRecord.EnsureAsync(storage, new LedgerTables(2), default)));

        starts.Count(refused => refused).ShouldBe(1);
        (await RowsAsync(storage.GetTableClient(StorageNames.StorageLayoutTable))).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task LayoutCheck_FirstStart_CreatesTheSpreadTablesRecordsTheCountAndRefusesAnother()
    {
        await new LedgerLayoutCheck(storage, new LedgerTables(4)).StartAsync(default);

        // Table 0 of each is the templates'; the others must exist before the first claim or row needs them.
        foreach (var table in new[] { "EventIdentities01", "EventIdentities03", "Usage01", "Usage03" })
        {
            (await RowsAsync(storage.GetTableClient(table))).ShouldBeEmpty();
        }

        (await RowsAsync(storage.GetTableClient(StorageNames.StorageLayoutTable))).ShouldHaveSingleItem().GetInt32("Count").ShouldBe(4);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => new LedgerLayoutCheck(storage, new LedgerTables(8)).StartAsync(default));
        refused.Message.ShouldContain("set it to 4");
    }

    internal static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<bool> Outcome(Func<Task> start)
    {
        try
        {
            await start();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
