using ServerlessBilling.PortContracts;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableWebhookDeliveriesContractTests(AzuriteFixture azurite) : WebhookDeliveriesContract
{
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IWebhookDeliveries> CreateAsync() => await storage.ReadyAsync<IWebhookDeliveries>(new TableWebhookDeliveries(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();
}
