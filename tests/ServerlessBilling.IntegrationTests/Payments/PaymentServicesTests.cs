using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>How payments are wired: Stripe without settings still starts, and the collections' notification sink wins over the stand-in.</summary>
public class PaymentServicesTests
{
    private static readonly IConfiguration NoStripeSettings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageNames.Connection] = AzuriteFixture.Options.ConnectionString })
        .Build();

    [Fact]
    public void AddServerlessBilling_NotificationsRegisteredFirst_AreKept()
    {
        var recording = new RecordingPaymentNotifications();
        var services = new ServiceCollection().AddSingleton<IPaymentNotifications>(recording);

        using var provider = services.AddServerlessBilling(NoStripeSettings).BuildServiceProvider();

        provider.GetRequiredService<IPaymentNotifications>().ShouldBeSameAs(recording);
    }

    [Fact]
    public async Task AddServerlessBilling_NoNotificationsRegistered_TheStandInRefusesSoStripeRedelivers()
    {
        using var provider = new ServiceCollection().AddServerlessBilling(NoStripeSettings).BuildServiceProvider();
        var notification = new PaymentNotification("evt_1", PaymentNotificationKind.Succeeded, "pi_1", new Money(1m, "USD"), NodaTime.Instant.FromUnixTimeSeconds(0));

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => provider.GetRequiredService<IPaymentNotifications>().DeliverAsync(notification, CancellationToken.None));

        error.Message.ShouldContain("evt_1");
    }

    [Fact]
    public void AddServerlessBilling_WithoutStripeSettings_ResolvesTheGatewayAndWebhook()
    {
        using var provider = new ServiceCollection().AddLogging().AddServerlessBilling(NoStripeSettings).BuildServiceProvider();

        provider.GetRequiredService<IPaymentGateway>().ShouldBeOfType<StripePaymentGateway>();
        provider.GetRequiredService<StripeWebhook>().ShouldNotBeNull();
    }
}
