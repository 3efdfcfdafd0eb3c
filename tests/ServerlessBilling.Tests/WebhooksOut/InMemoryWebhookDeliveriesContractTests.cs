using ServerlessBilling.PortContracts;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class InMemoryWebhookDeliveriesContractTests : WebhookDeliveriesContract
{
    protected override Task<IWebhookDeliveries> CreateAsync() => Task.FromResult<IWebhookDeliveries>(new InMemoryWebhookDeliveries());
}
