using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Functions.Tax;

/// <summary>Registers <see cref="TaxFreshnessLog"/> once, as the daily check's reporter and as a start-up check.</summary>
public static class TaxFreshnessLogRegistration
{
    public static IServiceCollection AddTaxFreshnessLog(this IServiceCollection services) => services
        .AddSingleton<TaxFreshnessLog>()
        .AddHostedService(provider => provider.GetRequiredService<TaxFreshnessLog>());
}
