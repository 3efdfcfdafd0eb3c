using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>How payments are wired: Stripe without settings still starts.</summary>
public class PaymentServicesTests
{
    private static readonly IConfiguration NoStripeSettings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.Connection] = AzuriteFixture.Options.ConnectionString })
        .Build();

    [Fact]
    public void AddServerlessBilling_WithoutStripeSettings_ResolvesTheGatewayAndWebhook()
    {
        using var provider = new ServiceCollection().AddLogging().AddServerlessBilling(NoStripeSettings).BuildServiceProvider();

        provider.GetRequiredService<IPaymentGateway>().ShouldBeOfType<StripePaymentGateway>();
        provider.GetRequiredService<StripeWebhook>().ShouldNotBeNull();
    }
}
