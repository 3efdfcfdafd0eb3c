using System.Collections.Concurrent;
using System.Text.Json;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Plans in memory, kept as the JSON the table stores (so a caller that changes a plan it read changes no stored one),
/// listed in id order as the table lists them.</summary>
public sealed class InMemoryPlanCatalog : IPlanCatalog
{
    private readonly ConcurrentDictionary<string, string> plans = new(StringComparer.Ordinal);

    public InMemoryPlanCatalog(params PricePlan[] seed)
    {
        foreach (var plan in seed)
        {
            plans[plan.Id] = JsonSerializer.Serialize(plan, BillingJson.Options);
        }
    }

    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult(plans.TryGetValue(planId, out var json) ? Read(json) : null);

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken)
    {
        plans[plan.Id] = JsonSerializer.Serialize(plan, BillingJson.Options);
        return Task.CompletedTask;
    }

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(plans.Values.Select(Read), p => p.Id, page);

    private static PricePlan Read(string json) => JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)!;
}
