using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Paging;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableApiKeyStoreContractTests(AzuriteFixture azurite) : ApiKeyStoreContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IApiKeyStore> CreateAsync() => await storage.ReadyAsync<IApiKeyStore>(new TableApiKeyStore(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ListAsync_KeysStoredBeforeTheCreationIndex_IndexedByTheFirstListingAndListedInCreationOrder()
    {
        var table = storage.GetTableClient(StorageNames.ApiKeysTable);
        var created = Instant.FromUtc(2026, 11, 1, 9, 0);
        await table.AddEntityAsync(EarlierKey("f0000001", created.Plus(Duration.FromHours(2))));
        await table.AddEntityAsync(EarlierKey("00000001", created.Plus(Duration.FromHours(1))));
        await Port.TryCreateAsync(new StoredApiKey(new ApiKey("a0000001", "New", ApiKeyScope.Admin, null, created.Plus(Duration.FromHours(3))), "hash"), default);

        var first = await Pages.AllAsync(1, page => Port.ListAsync(page, default));
        var again = await Port.ListAsync(PageRequest.First(), default);

        first.SelectMany(p => p.Items).Select(k => k.Id).ShouldBe(["00000001", "f0000001", "a0000001"]);
        again.Items.Select(k => k.Id).ShouldBe(["00000001", "f0000001", "a0000001"]);
        (await table.GetEntityIfExistsAsync<TableEntity>("key", "created|complete")).HasValue.ShouldBeTrue();
    }

    /// <summary>A key row as stored before keys were indexed by creation time: the key alone.</summary>
    private static TableEntity EarlierKey(string id, Instant created) => new("key", id)
    {
        ["Id"] = id,
        ["Name"] = "Earlier " + id,
        ["Scope"] = nameof(ApiKeyScope.ReadOnly),
        ["SecretHash"] = "hash",
        ["CreatedAt"] = created.ToDateTimeOffset(),
    };
}
