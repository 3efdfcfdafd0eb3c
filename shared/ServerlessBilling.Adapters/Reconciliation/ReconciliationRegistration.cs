using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Upstream;

/// <summary>Upstream costs and reconciliation: cost plans and their imports, the expected cost rating attaches to each call, vendor
/// statements, their matching against billed identities and quarantine, and the reconciliations.</summary>
public static class ReconciliationRegistration
{
    /// <remarks>Settings: <see cref="ReconciliationSettings"/>.</remarks>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ReconciliationSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<ReconciliationSettings>().ToPolicy());
        services.AddSingleton<ICostPlans, TableCostPlans>();
        services.AddSingleton(provider => new ExpectedCosts(
            provider.GetRequiredService<ICostPlans>(),
            provider.GetRequiredService<IClock>(),
            Duration.FromSeconds(provider.Settings<ReconciliationSettings>().CostPlanCacheSeconds ?? 30)));
        services.AddSingleton<CostPlanning>();
        services.AddSingleton<IStatements, BlobStatements>();
        services.AddSingleton<IVendorCallLookup, TableVendorCallLookup>();
        services.AddSingleton<IReconciliations, TableReconciliations>();
        services.AddSingleton<StatementReconciliation>();
        services.AddSingleton<NumberRentals>();
        return services;
    }
}
