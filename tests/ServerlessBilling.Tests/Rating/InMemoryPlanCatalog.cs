using System.Collections.Concurrent;
using System.Text.Json;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Plans in memory, kept as the JSON the table stores, so a caller that changes a plan it read changes no stored one.</summary>
public sealed class InMemoryPlanCatalog : IPlanCatalog
{
    private readonly ConcurrentDictionary<string, string> plans = new(StringComparer.Ordinal);

    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult(plans.TryGetValue(planId, out var json) ? JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options) : null);

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken)
    {
        plans[plan.Id] = JsonSerializer.Serialize(plan, BillingJson.Options);
        return Task.CompletedTask;
    }
}
