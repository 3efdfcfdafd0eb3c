using ServerlessBilling.Paging;

namespace ServerlessBilling.Rating;

/// <summary>The reseller's price plans.</summary>
public interface IPlanCatalog
{
    Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken);

    /// <summary>The plan with its current version (an opaque tag that changes with every write of the plan); null when there is none.</summary>
    Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the plan, whatever is stored: for seeding and imports.</summary>
    Task SetAsync(PricePlan plan, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the plan.</summary>
    /// <param name="plan">The whole plan document.</param>
    /// <param name="expectedVersion">When given, the write happens only if the stored plan is at that version (<c>*</c>: any
    /// version, so it must exist); otherwise nothing is written and the outcome is <see cref="ProblemKind.Stale"/>.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>The plan as stored, with its new version.</returns>
    Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>One page of the plans, in id order.</summary>
    Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken);
}
