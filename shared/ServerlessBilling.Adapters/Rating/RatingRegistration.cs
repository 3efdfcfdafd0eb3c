using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Rating;

/// <summary>Rating: price plans, the usage ledger and event identities, plausibility limits, rating queued usage, resolving holds,
/// re-rating and the usage reports.</summary>
public static class RatingRegistration
{
    /// <remarks>Settings: <see cref="PlausibilitySettings"/>.</remarks>
    public static IServiceCollection AddRating(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PlausibilitySettings>(configuration);
        services.AddSingleton(provider => provider.Settings<PlausibilitySettings>().ToPolicy());
        services.AddSingleton<IPlanCatalog, TablePlanCatalog>();
        services.AddSingleton<IUsageLedger, TableUsageLedger>();
        services.AddSingleton<IEventIdentities, TableEventIdentities>();
        services.AddSingleton<UsageRecording>();
        services.AddSingleton<QuarantineResolution>();
        services.AddSingleton<UsageRating>();
        services.AddSingleton<CountedUsageRating>();
        services.AddSingleton<LateUsagePlacement>();
        services.AddSingleton<UsageRerating>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton<IdentityBackfill>();
        return services;
    }
}
