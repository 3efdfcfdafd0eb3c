using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Tax;

/// <summary>Telecom taxes: the tables (shipped, and an operator's in storage), the calculator, the tax ledger and its reports.</summary>
public static class TaxRegistration
{
    public static IServiceCollection AddTax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TaxationSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<TaxationSettings>().ToTableOptions());
        services.AddSingleton(provider => provider.Settings<TaxationSettings>().ToTaxDataOptions());
        services.AddSingleton<TaxTableFreshness>();
        services.AddSingleton<BlobTaxTables>();
        services.AddSingleton<ITaxTables>(provider => provider.GetRequiredService<BlobTaxTables>());
        services.AddSingleton(provider => new DeMinimisStatus(
            provider.GetRequiredService<ITaxLedger>(), provider.GetRequiredService<ITaxTables>(), provider.GetRequiredService<NodaTime.IClock>(),
            provider.Settings<TaxationSettings>().ToDeMinimisOptions()));
        services.AddSingleton<ITaxCalculator>(provider => new TableTaxCalculator(
            provider.GetRequiredService<ITaxTables>(), provider.Settings<TaxationSettings>().ToTaxSettings(), provider.GetRequiredService<DeMinimisStatus>()));
        services.AddSingleton<ITaxLedger, TableTaxLedger>();
        services.AddSingleton(provider => new TaxReports(provider.GetRequiredService<ITaxLedger>(), provider.GetRequiredService<DeMinimisStatus>()));
        return services;
    }
}
