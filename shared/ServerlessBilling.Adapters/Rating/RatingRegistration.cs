using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Rating;

/// <summary>Rating: price plans, the usage ledger, rating queued usage, re-rating and the usage reports.</summary>
public static class RatingRegistration
{
    public static IServiceCollection AddRating(this IServiceCollection services)
    {
        services.AddSingleton<IPlanCatalog, TablePlanCatalog>();
        services.AddSingleton<IUsageLedger, TableUsageLedger>();
        services.AddSingleton<UsageRating>();
        services.AddSingleton<CountedUsageRating>();
        services.AddSingleton<LateUsagePlacement>();
        services.AddSingleton<UsageRerating>();
        services.AddSingleton<UsageReports>();
        return services;
    }
}
