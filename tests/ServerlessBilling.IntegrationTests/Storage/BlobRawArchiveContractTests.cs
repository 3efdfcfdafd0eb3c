using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class BlobRawArchiveContractTests(AzuriteFixture azurite) : RawArchiveContract
{
    private readonly ScratchBlobs storage = new(azurite);

    // Groups of at most 8 gathered for up to 5 ms, so the 64 concurrent payloads span several appends.
    protected override async Task<IRawArchive> CreateAsync() => await storage.ReadyAsync<IRawArchive>(new BlobRawArchive(storage, Clock, maxPayloadsPerGroup: 8, groupWindow: TimeSpan.FromMilliseconds(5)));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
