using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>
/// A local host whose Stripe settings point at a <see cref="StripeTestServer"/> with a webhook secret of the test's own,
/// and whose payment notifications are recorded: how a test replaces both without app settings.
/// </summary>
public sealed class StripeWebhookHost : IAsyncLifetime
{
    public string WebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public RecordingPaymentNotifications Notifications { get; } = new();

    public StripeTestServer Stripe { get; private set; } = null!;

    internal OwnBillingHost Host { get; private set; } = null!;

    public HttpClient Http => Host.Http;

    public IServiceProvider Services => Host.Host.Services;

    public async Task InitializeAsync()
    {
        Stripe = await StripeTestServer.StartAsync();
        Host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "stripe-webhooks", services =>
        {
            services.AddSingleton(Stripe.Options(WebhookSecret));
            services.AddSingleton<IPaymentNotifications>(Notifications);
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
