using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Cycles;

/// <summary>Billing cycles: the ledger of closes, deciding and scheduling starts, and the close itself.</summary>
public static class CyclesRegistration
{
    public static IServiceCollection AddCycles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<CyclesSettings>(configuration);
        services.AddSettings<TaskHubSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<CyclesSettings>().ToOptions());
        services.AddSingleton<ICycleLedger, TableCycleLedger>();
        services.AddSingleton<PeriodPricing>();
        services.AddSingleton<Invoicing.UpcomingInvoices>();
        services.AddSingleton<DraftedReads>();
        services.AddSingleton<StartedCloses>();
        services.AddSingleton<CycleClosing>();
        services.AddSingleton<CycleStarts>();
        services.AddSingleton<CycleScheduling>();
        return services;
    }
}
