using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Portal;

/// <summary>The customer portal: signed links and sessions, the revocations that end them, and what its pages read.</summary>
public static class PortalRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PortalSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<PortalSettings>().ToOptions());
        services.AddSingleton<IRedemptionWindows>(provider => new TableRedemptionWindows(
            provider.GetRequiredService<TableServiceClient>(), TableRedemptionWindows.PortalOf(provider.GetRequiredService<PortalOptions>().SigningKey.Span)));
        services.AddSingleton(provider => new RedemptionThrottle(provider.GetRequiredService<PortalOptions>().RedemptionsPerMinute, provider.GetRequiredService<IRedemptionWindows>()));
        services.AddSingleton<PortalTokens>();
        services.AddSingleton<IPortalRevocations, TablePortalRevocations>();
        services.AddSingleton<PortalAccess>();
        services.AddSingleton<CustomerPortal>();
        services.AddSingleton<PortalPayments>();
        return services;
    }
}
