using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Events;

/// <summary>Domain events: the outbox, the publisher <see cref="DomainEventsSettings"/> chooses, and the relay between them.</summary>
public static class DomainEventsRegistration
{
    public static IServiceCollection AddDomainEventPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DomainEventsSettings>(configuration);
        var connection = configuration.GetSection("DomainEvents:ServiceBus");
        services.AddSingleton(_ => ServiceBusClientFor(connection));
        services.AddSingleton<IEventPublisher>(provider => provider.Settings<DomainEventsSettings>() is { PublishesToServiceBus: true } settings
            ? new ServiceBusEventPublisher(provider.GetRequiredService<ServiceBusClient>().CreateSender(settings.TopicName))
            : ActivatorUtilities.CreateInstance<QueueEventPublisher>(provider));
        services.AddSingleton<IOutbox, TableOutbox>();
        services.AddSingleton<OutboxRelay>();
        return services;
    }

    private static ServiceBusClient ServiceBusClientFor(IConfigurationSection section)
    {
        if (section.Value is { Length: > 0 } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        return section["fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace
            ? new ServiceBusClient(fullyQualifiedNamespace, BillingStorageClients.CredentialFor(section))
            : throw new InvalidOperationException(
                "Setting 'DomainEvents:ServiceBus' is required when DomainEvents:Publisher is ServiceBus: a connection string, or '__fullyQualifiedNamespace' for an identity-based connection.");
    }
}
