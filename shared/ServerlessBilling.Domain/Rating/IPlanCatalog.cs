namespace ServerlessBilling.Rating;

/// <summary>The reseller's price plans.</summary>
public interface IPlanCatalog
{
    Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken);

    Task SetAsync(PricePlan plan, CancellationToken cancellationToken);
}
