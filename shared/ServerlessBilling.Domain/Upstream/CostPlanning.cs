using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Keeps the vendors' cost plans: stored as documents, or built version by version from the vendors' price lists.</summary>
/// <remarks>Storing a cost plan makes <see cref="ExpectedCosts"/> read the vendor's plans again, so calls rated after it use it.</remarks>
public sealed class CostPlanning(ICostPlans plans, ExpectedCosts expectedCosts)
{
    /// <summary>Stores a cost plan document (the price plan schema), replacing the vendor's product.</summary>
    public async Task<Outcome<CostPlan>> PutAsync(string vendor, string product, byte[] utf8Json, CancellationToken cancellationToken)
    {
        var read = CostPlan.Read(vendor, product, utf8Json);
        if (read.TryGetValue(out var plan))
        {
            await StoreAsync(plan, cancellationToken);
        }

        return read;
    }

    public Task<CostPlan?> FindAsync(string vendor, string product, CancellationToken cancellationToken) =>
        plans.FindAsync(vendor, product, cancellationToken);

    /// <summary>Reads a price list into a version of the cost plan effective from <see cref="PriceListRequest.EffectiveFrom"/>: a new cost
    /// plan, a version added, or the version of that date replaced. Other versions are kept.</summary>
    public async Task<Outcome<CostPlan>> ImportPriceListAsync(
        string vendor, string product, PriceListRequest request, TextReader csv, CancellationToken cancellationToken)
    {
        var rates = PriceListImport.Read(csv, request.Mapping);
        if (!rates.TryGetValue(out var rows))
        {
            return rates.Problem!;
        }

        var version = new PlanVersion(request.EffectiveFrom, 0m, 0m, rows, new PerCallRounding(request.PerCallDecimals, RoundingMode.HalfUp));
        var existing = await plans.FindAsync(vendor, product, cancellationToken);
        if (existing is not null && !string.Equals(existing.Plan.Currency, request.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Invalid($"Cost plan '{vendor}/{product}' is not valid",
                new RecordProblem("currency", $"the cost plan is in {existing.Plan.Currency}, the price list in {request.Currency}"));
        }

        var plan = existing?.WithVersion(version).Plan ?? new PricePlan("", $"{vendor} {product}", request.Currency.ToUpperInvariant(), [version]);
        var completed = CostPlan.Complete(vendor, product, plan);
        if (completed.TryGetValue(out var costPlan))
        {
            await StoreAsync(costPlan, cancellationToken);
        }

        return completed;
    }

    private async Task StoreAsync(CostPlan plan, CancellationToken cancellationToken)
    {
        await plans.SetAsync(plan, cancellationToken);
        expectedCosts.Forget(plan.Vendor);
    }
}
