using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Events;
using ServerlessBilling.Hosting;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Webhooks out: endpoints and their secrets, deliveries and their log, the attempt queue, the guarded sender, and the
/// fan-out of every published domain event.</summary>
public static class WebhooksOutRegistration
{
    /// <remarks>Call after <c>AddDomainEventPublishing</c>: the broker's publisher is wrapped so each event it publishes is also fanned out.</remarks>
    public static IServiceCollection AddWebhooksOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebhooksOutSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<WebhooksOutSettings>().ToOptions());
        services.AddSingleton(provider => provider.Settings<WebhooksOutSettings>().ToCipher());
        services.AddSingleton<IWebhookEndpoints, TableWebhookEndpoints>();
        services.AddSingleton<IWebhookDeliveries, TableWebhookDeliveries>();
        services.AddSingleton<IWebhookQueue, QueueWebhookQueue>();
        services.AddSingleton<IWebhookSender>(provider => new HttpWebhookSender(provider.Settings<WebhooksOutSettings>()));
        services.AddSingleton<IWebhookTargetCheck>(provider => new DnsWebhookTargetCheck(provider.Settings<WebhooksOutSettings>().AllowPrivateTargets ?? false));
        services.AddSingleton<WebhookEndpointRegistry>();
        services.AddSingleton<WebhookFanOut>();
        services.AddSingleton<WebhookDeliverer>();
        services.Decorate<IEventPublisher>((provider, broker) => new WebhookFanOutPublisher(broker, provider.GetRequiredService<WebhookFanOut>()));
        return services;
    }
}
