using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>How payments are wired: Stripe without settings still starts; the dunning settings make the default policy;
/// both gateways talk through their named client of the HTTP client factory.</summary>
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

    [Fact]
    public async Task AddServerlessBilling_GatewayCalls_GoThroughEachGatewaysNamedHttpClient()
    {
        await using var stripe = await StripeTestServer.StartAsync();
        await using var authorizeNet = await AuthorizeNetTestServer.StartAsync();
        var sent = new List<string>();
        var services = new ServiceCollection().AddLogging().AddServerlessBilling(NoStripeSettings);
        services.AddSingleton(stripe.Options());
        services.AddSingleton(authorizeNet.Options());
        foreach (var name in new[] { PaymentGatewayNames.Stripe, PaymentGatewayNames.AuthorizeNet })
        {
            services.AddHttpClient(name).AddHttpMessageHandler(() => new Recording(name, sent));
        }

        using var provider = services.BuildServiceProvider();
        var gateways = provider.GetRequiredService<IPaymentGateways>();

        await gateways.For(PaymentGatewayNames.AuthorizeNet).EnsureCustomerAsync("acct-factory", "Factory Clinic", default);
        await gateways.For(PaymentGatewayNames.Stripe).EnsureCustomerAsync("acct-factory", "Factory Clinic", default);

        sent.ShouldBe([$"authorizenet POST {authorizeNet.Endpoint.Authority}", $"stripe POST {new Uri(stripe.Options().ApiBase, "/").Authority}"]);
        authorizeNet.Requests.Select(r => r.Name).ShouldBe(["createCustomerProfileRequest"]);
        stripe.Requests.Count.ShouldBe(1);
    }

    /// <summary>Notes each request a named client sends, then passes it on.</summary>
    private sealed class Recording(string name, List<string> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (sent)
            {
                sent.Add($"{name} {request.Method} {request.RequestUri!.Authority}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
