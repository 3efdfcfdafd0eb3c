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
    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);
    private long writes;

    public InMemoryPlanCatalog(params PricePlan[] seed)
    {
        foreach (var plan in seed)
        {
            Write(plan);
        }
    }

    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult(plans.TryGetValue(planId, out var json) ? Read(json) : null);

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken)
    {
        lock (plans)
        {
            Write(plan);
        }

        return Task.CompletedTask;
    }

    public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) =>
        Task.FromResult(plans.TryGetValue(planId, out var json) ? new VersionedPlan(Read(json), Version(planId)) : null);

    /// <remarks>A plan's version is the write counter at its last write, so every write moves it on.</remarks>
    public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (plans)
        {
            var current = plans.GetValueOrDefault(plan.Id);
            if (expectedVersion is not null && (current is null || (expectedVersion != "*" && expectedVersion != Version(plan.Id))))
            {
                return Task.FromResult<Outcome<VersionedPlan>>(Problem.Stale($"Plan '{plan.Id}' is not at version {expectedVersion}"));
            }

            Write(plan);
            return Task.FromResult<Outcome<VersionedPlan>>(new VersionedPlan(plan, Version(plan.Id)));
        }
    }

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(plans.Values.Select(Read), p => p.Id, page);

    private void Write(PricePlan plan)
    {
        plans[plan.Id] = JsonSerializer.Serialize(plan, BillingJson.Options);
        versions[plan.Id] = ++writes;
    }

    private string Version(string planId) => "v" + versions[planId].ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static PricePlan Read(string json) => JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)!;
}
