using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

public static class PlanQuoting
{
    /// <summary>Quotes <paramref name="plan"/> for <paramref name="accounts"/> accounts that each look like the sample.</summary>
    /// <remarks>The sample is taken as one account's month: the period is the one containing its first call (bill-cycle day 1).</remarks>
    public static PlanQuote Quote(PricePlan plan, IReadOnlyList<UsageEvent> sample, DateTimeZone zone, int accounts, int numbersPerAccount)
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
        var cost = sample.Where(e => e.UpstreamCost?.Currency == plan.Currency).Aggregate(Money.Zero(plan.Currency), (sum, e) => sum + e.UpstreamCost!.Value);
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        return new PlanQuote(invoice, accounts, cost, sample.Count, rated.Count - priced.Count) { Drawdown = BundleDrawdown.Apply(priced, version.Bundles) };
    }
}
