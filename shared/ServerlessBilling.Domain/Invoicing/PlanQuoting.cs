using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

public static class PlanQuoting
{
    /// <summary>Quotes <paramref name="plan"/> for <paramref name="accounts"/> accounts that each look like the sample.</summary>
    /// <remarks>The sample is taken as one account's month: the period is the one containing its first call (bill-cycle day 1). A call's
    /// cost is the one its vendor reported, else the one <paramref name="costPlans"/> expect for it (<see cref="ExpectedCosts.Price"/>),
    /// else none.</remarks>
    /// <param name="costPlans">The cost plans that price calls without a reported cost; none to count reported costs only.</param>
    public static PlanQuote Quote(PricePlan plan, IReadOnlyList<UsageEvent> sample, DateTimeZone zone, int accounts, int numbersPerAccount, IReadOnlyList<CostPlan>? costPlans = null)
    {
        if (sample.Count == 0)
        {
            throw new ArgumentException("A quote needs at least one sample call.", nameof(sample));
        }

        var first = sample.Min(e => e.StartedAt);
        var period = BillingPeriod.Containing(first.InZone(zone).Date, 1);
        var account = new Account("quote", "Typical account", plan.Id, new BillingProfile(zone.Id, 1, plan.Currency));
        var rated = OfflineRating.Rate(sample, plan, zone).ToList();
        var priced = rated.Where(r => r.Charge is not null).Select(r => new RatedUsage(r.Event, account.Id, period.Key, r.Charge!)).ToList();
        var numbers = Enumerable.Range(0, numbersPerAccount)
            .Select(i => new NumberAssignment($"+1555000{i:D4}", account.Id, NumberType.Local, period.Start))
            .ToList();
        var invoice = InvoiceBuilder.Build(account, plan, period, numbers, priced);
        var reported = sample.Where(e => e.UpstreamCost?.Currency == plan.Currency).ToList();
        var expected = sample.Where(e => e.UpstreamCost?.Currency != plan.Currency)
            .Select(e => ExpectedCosts.Price(e, costPlans ?? Array.Empty<CostPlan>(), null)?.Amount)
            .Where(a => a?.Currency == plan.Currency).Select(a => a!.Value).ToList();
        var cost = reported.Aggregate(Money.Zero(plan.Currency), (sum, e) => sum + e.UpstreamCost!.Value);
        var costFromPlans = expected.Aggregate(Money.Zero(plan.Currency), (sum, a) => sum + a);
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        return new PlanQuote(invoice, accounts, cost + costFromPlans, sample.Count, rated.Count - priced.Count)
        {
            Drawdown = BundleDrawdown.Apply(priced, version.Bundles),
            ExpectedCost = costFromPlans,
            CallsWithExpectedCost = expected.Count,
            CallsWithoutCost = sample.Count - reported.Count - expected.Count,
        };
    }
}
