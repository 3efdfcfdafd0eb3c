using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Rating;

/// <summary>Rating: price plans, the usage ledger and event identities, plausibility limits, rating queued usage, resolving holds,
/// re-rating and the usage reports.</summary>
public static class RatingRegistration
{
    /// <remarks>Settings: <see cref="PlausibilitySettings"/>, <see cref="RatingSettings"/>, <see cref="RatingQueueSettings"/>. The account
    /// directory must be registered first: its holder lookups go through rating's <see cref="RatingLookupCache"/>.</remarks>
    public static IServiceCollection AddRating(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PlausibilitySettings>(configuration);
        services.AddSettings<RatingSettings>(configuration);
        services.AddSettings<RatingQueueSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<PlausibilitySettings>().ToPolicy());
        services.AddSingleton(provider => new RatingLookupCache(
            provider.Settings<RatingSettings>().LookupCacheTime, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IPlanCatalog, TablePlanCatalog>();
        services.Decorate<IPlanCatalog>((provider, inner) => new CachingPlanCatalog(inner, provider.GetRequiredService<RatingLookupCache>(), readsCached: false));
        services.Decorate<IAccountDirectory>((provider, inner) => new CachingAccountDirectory(inner, provider.GetRequiredService<RatingLookupCache>()));
        services.AddSingleton<IUsageLedger, TableUsageLedger>();
        services.AddSingleton<IEventIdentities, TableEventIdentities>();
        services.AddSingleton(provider => new UsageRecording(
            provider.GetRequiredService<IEventIdentities>(), provider.GetRequiredService<IUsageLedger>(), provider.GetRequiredService<ICycleLedger>(),
            provider.GetRequiredService<LateUsagePlacement>(), provider.GetRequiredService<Usage.IQuarantine>(),
            batchWrites: provider.Settings<RatingSettings>().BatchWrites ?? true, fileRatings: provider.GetService<Usage.Cdr.ICdrFileRatings>(),
            gatherCalls: provider.Settings<RatingSettings>().GatherWrites ?? false));
        services.AddSingleton<QuarantineResolution>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<UsageRating>(
            provider, new CachingPlanCatalog(provider.GetRequiredService<IPlanCatalog>(), provider.GetRequiredService<RatingLookupCache>(), readsCached: true)));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<CountedUsageRating>(
            provider, provider.Settings<RatingSettings>().WindowsAtOnce ?? CountedUsageRating.DefaultWindowsAtOnce));
        services.AddSingleton(provider => new LateUsagePlacement(
            provider.GetRequiredService<ICycleLedger>(), provider.GetRequiredService<IUsageLedger>(),
            provider.GetRequiredService<NodaTime.IClock>(), provider.Settings<RatingSettings>().OpenPeriodMargin));
        services.AddSingleton<UsageRerating>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton<IdentityBackfill>();
        services.AddSingleton<SourceIndexBackfill>();
        return services;
    }
}
