using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Gives a call component the cost its vendor's cost plan expects for it, with the rating engine that prices sell plans.</summary>
/// <remarks>
/// <para>The vendor is the call's source. Among the vendor's cost plans (ordered by product) the first whose version in force on the
/// call's UTC start date has a row for the component prices it; the rest of the rules are <see cref="Rater"/>'s, in UTC. A component no
/// cost plan has a row for has no expected cost (null): reconciliation reports its vendor charges as a missing row.</para>
/// <para>A vendor's cost plans are read once per <paramref name="cacheFor"/> and forgotten when one is stored through
/// <see cref="Forget"/>, so rating does not read storage per call; on several instances a changed cost plan applies everywhere
/// after at most that long.</para>
/// </remarks>
public sealed class ExpectedCosts(ICostPlans plans, IClock clock, Duration cacheFor)
{
    private readonly ConcurrentDictionary<string, (Instant Read, IReadOnlyList<CostPlan> Plans)> byVendor = new(StringComparer.Ordinal);

    /// <summary>The expected cost of <paramref name="usage"/>, or null when no cost plan of its vendor prices it.</summary>
    public async Task<ExpectedCost?> ForAsync(UsageEvent usage, NumberType? ratedNumberType, CancellationToken cancellationToken) =>
        Price(usage, await PlansOfAsync(usage.Source, cancellationToken), ratedNumberType);

    /// <summary>Drops what is cached for <paramref name="vendor"/>: its cost plans are read again on the next call.</summary>
    public void Forget(string vendor) => byVendor.TryRemove(vendor, out _);

    /// <summary>The expected cost of <paramref name="usage"/> under <paramref name="costPlans"/> (a pure function of its inputs).</summary>
    public static ExpectedCost? Price(UsageEvent usage, IReadOnlyList<CostPlan> costPlans, NumberType? ratedNumberType)
    {
        var date = usage.StartedAt.InUtc().Date;
        foreach (var costPlan in costPlans)
        {
            if (costPlan.Plan.VersionOn(date) is not { } version || !version.UsageRates.Any(r => r.Component == usage.Component))
            {
                continue;
            }

            var rated = Rater.Rate(usage, costPlan.Plan, DateTimeZone.Utc, ratedNumberType);
            return rated.TryGetValue(out var charge)
                ? new ExpectedCost(charge.Amount, charge.PlanId, charge.PlanVersion, charge.Rate, charge.BillableSeconds, charge.UnitPrice)
                : null;
        }

        return null;
    }

    private async Task<IReadOnlyList<CostPlan>> PlansOfAsync(string vendor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (byVendor.TryGetValue(vendor, out var cached) && now - cached.Read < cacheFor)
        {
            return cached.Plans;
        }

        var read = await plans.ListAsync(vendor, cancellationToken);
        byVendor[vendor] = (now, read);
        return read;
    }
}
