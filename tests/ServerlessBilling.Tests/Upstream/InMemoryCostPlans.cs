using ServerlessBilling.Upstream;

namespace ServerlessBilling.Tests.Upstream;

internal sealed class InMemoryCostPlans : ICostPlans
{
    private readonly Dictionary<(string, string), CostPlan> plans = [];

    public Task<CostPlan?> FindAsync(string vendor, string product, CancellationToken cancellationToken) =>
        Task.FromResult(plans.GetValueOrDefault((vendor, product)));

    public Task<IReadOnlyList<CostPlan>> ListAsync(string vendor, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CostPlan>>([.. plans.Values.Where(p => p.Vendor == vendor).OrderBy(p => p.Product, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<string>> ListVendorsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. plans.Values.Select(p => p.Vendor).Distinct().Order(StringComparer.Ordinal)]);

    public Task SetAsync(CostPlan plan, CancellationToken cancellationToken)
    {
        plans[(plan.Vendor, plan.Product)] = plan;
        return Task.CompletedTask;
    }
}
