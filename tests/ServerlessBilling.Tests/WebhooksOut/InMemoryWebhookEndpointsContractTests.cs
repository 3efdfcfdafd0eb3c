using ServerlessBilling.PortContracts;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class InMemoryWebhookEndpointsContractTests : WebhookEndpointsContract
{
    protected override Task<IWebhookEndpoints> CreateAsync() => Task.FromResult<IWebhookEndpoints>(new InMemoryWebhookEndpoints());
}
