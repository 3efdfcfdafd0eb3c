namespace ServerlessBilling.Upstream;

/// <summary>The vendors' cost plans, one per vendor and product.</summary>
public interface ICostPlans
{
    /// <returns>The cost plan, or null when none is stored.</returns>
    Task<CostPlan?> FindAsync(string vendor, string product, CancellationToken cancellationToken);

    /// <summary>Every cost plan of <paramref name="vendor"/>, ordered by product.</summary>
    Task<IReadOnlyList<CostPlan>> ListAsync(string vendor, CancellationToken cancellationToken);

    /// <summary>Every vendor with at least one cost plan, by name.</summary>
    Task<IReadOnlyList<string>> ListVendorsAsync(CancellationToken cancellationToken);

    /// <summary>Stores the cost plan, replacing one of the same vendor and product.</summary>
    Task SetAsync(CostPlan plan, CancellationToken cancellationToken);
}
