using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Storage;

/// <summary>The billing storage account's clients (setting <c>BillingStorage</c>, see <see cref="BillingStorageClients"/>), how many
/// tables the claims and usage rows are spread over (<see cref="StorageSettings"/>) and the provisioner of its tables, containers and queues.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = BillingStorageClients.FromConfiguration(configuration);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(storage.Queues);
        services.AddSettings<StorageSettings>(configuration);
        services.AddSingleton(provider => new LedgerTables(provider.Settings<StorageSettings>().LedgerTables ?? 1));
        services.AddSingleton<StorageProvisioner>();
        return services;
    }
}
