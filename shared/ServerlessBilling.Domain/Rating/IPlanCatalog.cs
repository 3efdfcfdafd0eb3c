using ServerlessBilling.Paging;

namespace ServerlessBilling.Rating;

/// <summary>The reseller's price plans.</summary>
public interface IPlanCatalog
{
    Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken);

    Task SetAsync(PricePlan plan, CancellationToken cancellationToken);

    /// <summary>One page of the plans, in id order.</summary>
    Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken);
}
