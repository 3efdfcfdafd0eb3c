using ServerlessBilling.Paging;

namespace ServerlessBilling.Rating;

/// <summary>The plan catalog that clears <see cref="RatingLookupCache"/> after every plan write; with <paramref name="readsCached"/>,
/// also one whose plan reads go through the cache (rating's own).</summary>
/// <remarks>Closes, quotes and the API read plans from the catalog registered for everyone, which reads storage every time; only
/// rating, which looks a plan up for every queue message, reads through the cache.</remarks>
public sealed class CachingPlanCatalog(IPlanCatalog inner, RatingLookupCache cache, bool readsCached) : IPlanCatalog
{
    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
        readsCached ? cache.GetAsync($"plan|{planId}", cancel => inner.FindAsync(planId, cancel), cancellationToken) : inner.FindAsync(planId, cancellationToken);

    public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => inner.FindVersionedAsync(planId, cancellationToken);

    public async Task SetAsync(PricePlan plan, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(plan, cancellationToken);
        }
        finally
        {
            cache.Invalidate();
        }
    }

    public async Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.SetAsync(plan, expectedVersion, cancellationToken);
        }
        finally
        {
            cache.Invalidate();
        }
    }

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => inner.ListAsync(page, cancellationToken);
}
