using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Hosting;
using ServerlessBilling.Pdf;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The reseller console: its sign-in and sessions, and the dashboard's figures.</summary>
public static class ConsoleRegistration
{
    /// <summary>Registers the console; after <c>AddPortal</c>, whose signing key the sessions share.</summary>
    public static IServiceCollection AddResellerConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ConsoleSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<ConsoleSettings>().ToOptions(provider.GetRequiredService<PortalOptions>().SigningKey));
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ConsoleMargins>(provider, (Duration?)provider.Settings<ConsoleSettings>().MarginCacheLifetime));
        services.AddSingleton<ConsoleDashboard>();
        services.AddSingleton<ConsoleAccounts>();
        services.AddSingleton<IProposalRenderer>(provider => provider.GetRequiredService<InvoicePdfRenderer>());
        services.AddSingleton<ConsoleQuotes>();
        return services;
    }
}
