using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>How payments are wired: Stripe without settings still starts; the dunning settings make the default policy.</summary>
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

    [Fact]
    public void AddServerlessBilling_WithLateFeeSettings_ReadsTheirPlacement()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageNames.Connection] = AzuriteFixture.Options.ConnectionString,
                ["Dunning:LateFee:Value"] = "25",
                ["Dunning:LateFee:Grace"] = "5d",
                ["Dunning:LateFee:Placement"] = "ownInvoice",
            })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddServerlessBilling(configuration).BuildServiceProvider();

        provider.GetRequiredService<DunningPolicy>().LateFee.ShouldBe(
            new LateFeePolicy(LateFeeBasis.Flat, 25m, Duration.FromDays(5), Placement: LateFeePlacement.OwnInvoice));
    }
}
