using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
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

        var gateways = provider.GetRequiredService<IPaymentGateways>();
        gateways.For(PaymentGatewayNames.Stripe).ShouldBeOfType<StripePaymentGateway>();
        gateways.For(PaymentGatewayNames.AuthorizeNet).ShouldBeOfType<AuthorizeNetPaymentGateway>();
        gateways.DefaultName.ShouldBe(PaymentGatewayNames.Stripe);
        provider.GetRequiredService<StripeWebhook>().ShouldNotBeNull();
        provider.GetRequiredService<AuthorizeNetWebhook>().ShouldNotBeNull();
    }
}
