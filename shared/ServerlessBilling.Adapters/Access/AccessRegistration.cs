using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Access;

/// <summary>Access to the management API: scoped API keys (stored as hashes) and the bootstrap key that issues the first of them.</summary>
public static class AccessRegistration
{
    /// <remarks>Settings: <see cref="ApiSettings"/>. A host that knows its bootstrap key another way (the local host's own option)
    /// registers its <see cref="BootstrapKey"/> before this, and that one is kept.</remarks>
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ApiSettings>(configuration);
        services.TryAddSingleton(provider => new BootstrapKey(provider.Settings<ApiSettings>().Key));
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.AddSingleton<ApiKeys>();
        return services;
    }
}
