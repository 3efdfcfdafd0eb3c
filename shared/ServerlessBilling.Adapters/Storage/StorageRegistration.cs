using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Storage;

/// <summary>The billing storage account's clients (setting <c>BillingStorage</c>, see <see cref="BillingStorageClients"/>) and the provisioner of its tables, containers and queues.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = BillingStorageClients.FromConfiguration(configuration);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(storage.Queues);
        services.AddSingleton<StorageProvisioner>();
        return services;
    }
}
