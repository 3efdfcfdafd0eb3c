using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The directory rating reads holders through keeps the directory's contract: every write is seen by the next lookup.</summary>
[Collection(AzuriteCollection.Name)]
public class CachingAccountDirectoryContractTests(AzuriteFixture azurite) : AccountDirectoryContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IAccountDirectory> CreateAsync() =>
        new CachingAccountDirectory(await storage.ReadyAsync<IAccountDirectory>(new TableAccountDirectory(storage, SystemClock.Instance)), new RatingLookupCache(TimeSpan.FromMinutes(10), TimeProvider.System));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
