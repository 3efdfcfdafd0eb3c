using ServerlessBilling.PortContracts;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableWebhookEndpointsContractTests(AzuriteFixture azurite) : WebhookEndpointsContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IWebhookEndpoints> CreateAsync() => await storage.ReadyAsync<IWebhookEndpoints>(new TableWebhookEndpoints(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
