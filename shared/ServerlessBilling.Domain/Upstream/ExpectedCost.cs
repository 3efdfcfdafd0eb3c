namespace ServerlessBilling.Upstream;

/// <summary>What a vendor should charge for one call component under its cost plan, kept beside the price and any reported cost.</summary>
/// <param name="Amount">The cost at the cost plan's per-call precision.</param>
/// <param name="CostPlan">The cost plan's id (<see cref="Upstream.CostPlan.PlanIdOf"/>).</param>
/// <param name="PlanVersion">Effective-from date of the cost plan version that priced it.</param>
/// <param name="Rate">The cost plan row that matched.</param>
/// <param name="BillableSeconds">The seconds the vendor bills after its own increment.</param>
/// <param name="UnitPrice">The vendor's per-minute price applied.</param>
public sealed record ExpectedCost(Money Amount, string CostPlan, string PlanVersion, string? Rate, int BillableSeconds, decimal UnitPrice);
