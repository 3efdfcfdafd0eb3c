using System.Collections.Concurrent;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Plans in a dictionary by id, listed in id order as the table lists them.</summary>
public sealed class InMemoryPlanCatalog(params PricePlan[] seed) : IPlanCatalog
{
    private readonly ConcurrentDictionary<string, PricePlan> plans = new(seed.ToDictionary(p => p.Id, StringComparer.Ordinal), StringComparer.Ordinal);

    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) => Task.FromResult(plans.GetValueOrDefault(planId));

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken)
    {
        plans[plan.Id] = plan;
        return Task.CompletedTask;
    }

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync(plans.Values, p => p.Id, page);
}
