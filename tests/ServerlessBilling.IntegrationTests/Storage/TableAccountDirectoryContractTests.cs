using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableAccountDirectoryContractTests(AzuriteFixture azurite) : AccountDirectoryContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IAccountDirectory> CreateAsync() => await storage.ReadyAsync<IAccountDirectory>(new TableAccountDirectory(storage, SystemClock.Instance));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
