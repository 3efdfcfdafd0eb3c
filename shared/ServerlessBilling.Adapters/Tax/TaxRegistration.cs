using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax.Avalara;

namespace ServerlessBilling.Tax;

/// <summary>Telecom taxes: the tables (shipped, and an operator's in storage), the calculator (built in, or AvaTax for Communications by
/// <c>Tax:Engine</c>), the tax ledger and its reports.</summary>
public static class TaxRegistration
{
    public static IServiceCollection AddTax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TaxationSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<TaxationSettings>().ToTableOptions());
        services.AddSingleton(provider => provider.Settings<TaxationSettings>().ToTaxDataOptions());
        services.AddSingleton<TaxTableFreshness>();
        services.AddSingleton<BlobTaxTables>();
        services.AddSingleton<ITaxTableStore>(provider => provider.GetRequiredService<BlobTaxTables>());
        services.AddSingleton<ITaxTables>(provider => provider.GetRequiredService<BlobTaxTables>());
        services.AddSingleton(provider => new DeMinimisStatus(
            provider.GetRequiredService<ITaxLedger>(), provider.GetRequiredService<ITaxTables>(), provider.GetRequiredService<NodaTime.IClock>(),
            provider.Settings<TaxationSettings>().ToDeMinimisOptions()));
        services.AddSingleton(provider => provider.Settings<TaxationSettings>().Avalara.ToOptions());
        services.AddHttpClient(AfcOptions.HttpClientName, (provider, client) => client.Timeout = provider.GetRequiredService<AfcOptions>().Timeout);
        services.AddSingleton<ITaxCalculator>(provider => provider.Settings<TaxationSettings>().Engine switch
        {
            TaxEngineKind.AvalaraCommunications => new AfcTaxCalculator(
                provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<AfcOptions>(), provider.Settings<TaxationSettings>().ToTaxSettings(),
                provider.GetRequiredService<ILogger<AfcTaxCalculator>>()),
            _ => new TableTaxCalculator(
                provider.GetRequiredService<ITaxTables>(), provider.Settings<TaxationSettings>().ToTaxSettings(), provider.GetRequiredService<DeMinimisStatus>()),
        });
        services.AddSingleton<ITaxLedger, TableTaxLedger>();
        services.AddSingleton(provider => new TaxReports(provider.GetRequiredService<ITaxLedger>(), provider.GetRequiredService<DeMinimisStatus>()));
        return services;
    }
}
