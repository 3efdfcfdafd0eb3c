using System.Globalization;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>The invoice lines for late calls: usage of an earlier period that arrived after that period's close had started.</summary>
/// <remarks>
/// The earlier invoice is final and never reissued, so its late calls are billed on this one, each at the price it
/// was rated at. They draw nothing from this period's bundles (those are for this period's calls) and count toward
/// neither its tiers nor its minimum spend; each earlier period gets its own line, so the customer sees which month
/// the calls belong to.
/// </remarks>
internal static class PriorPeriodUsage
{
    internal static void AddLines(InvoiceBuilder.AddLine add, Account account, IEnumerable<RatedUsage> usage)
    {
        foreach (var group in usage.Where(u => u.PriorPeriodKey is not null).GroupBy(u => u.PriorPeriodKey!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var start = LocalDatePattern.Iso.Parse(group.Key).GetValueOrThrow();
            var period = BillingPeriod.Containing(start, account.Billing.BillCycleDay);
            var count = group.Count();
            var description = string.Create(CultureInfo.InvariantCulture,
                $"Prior period usage, {period.Start:yyyy-MM-dd} to {period.End.PlusDays(-1):yyyy-MM-dd} ({count} call{(count == 1 ? "" : "s")})");
            add(LineCategory.PriorPeriodUsage, description, group.Sum(u => (long)u.Charge.BillableSeconds) / 60m, "min", null,
                group.Sum(u => u.Charge.Amount.Amount));
        }
    }
}
