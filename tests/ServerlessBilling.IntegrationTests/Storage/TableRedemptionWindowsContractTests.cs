using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableRedemptionWindowsContractTests(AzuriteFixture azurite) : RedemptionWindowsContract
{
    private readonly ScratchTables storage = new(azurite);

    [Fact]
    public async Task ForgetEndedAsync_DeletesEndedRowsOfEveryPortal_AndKeepsTheCurrentOnes()
    {
        var current = await storage.ReadyAsync(new TableRedemptionWindows(storage, TableRedemptionWindows.PortalOf("current-portal-key"u8)));
        var rotated = new TableRedemptionWindows(storage, TableRedemptionWindows.PortalOf("rotated-portal-key"u8));
        await current.CountAsync("10.1.0.1", 29_850_000, default);
        await current.CountAsync("10.1.0.2", 29_850_020, default);
        await rotated.CountAsync("10.1.0.1", 29_849_000, default);

        var deleted = await current.ForgetEndedAsync(29_850_020, default);

        deleted.ShouldBe(2);
        var rows = new List<TableEntity>();
        await foreach (var row in storage.GetTableClient(StorageNames.PortalRedemptionsTable).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        rows.Select(r => (r.PartitionKey, r.RowKey, r.GetInt64("Minute"), r.GetInt32("Count")))
            .ShouldBe([(TableRedemptionWindows.PortalOf("current-portal-key"u8), "10.1.0.2", 29_850_020L, 1)]);
    }

    protected override async Task<IRedemptionWindows> CreateAsync() =>
        await storage.ReadyAsync<IRedemptionWindows>(new TableRedemptionWindows(storage, TableRedemptionWindows.PortalOf("contract-portal-key"u8)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
