using System.Globalization;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>Assembles an account's invoice for a period from its plan, the numbers it held and its rated usage.</summary>
public static class InvoiceBuilder
{
    /// <remarks>
    /// Recurring fees come from the plan version in force on the period's first day. Usage is one line per
    /// component and direction: the per-call amounts are summed exactly and the sum is rounded once, with the
    /// plan's line rounding, to the currency's minor unit.
    /// </remarks>
    public static Invoice Build(
        Account account,
        PricePlan plan,
        BillingPeriod period,
        IReadOnlyList<NumberAssignment> numbers,
        IReadOnlyList<RatedUsage> usage)
    {
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var currency = plan.Currency;
        var mode = version.LineRounding;
        var lines = new List<InvoiceLine>();

        if (version.PlatformFee != 0)
        {
            lines.Add(new InvoiceLine(LineCategory.PlatformFee, $"{plan.Name} platform fee", 1, "month", version.PlatformFee,
                new Money(version.PlatformFee, currency).RoundToMinorUnit(mode)));
        }

        var heldNumbers = numbers.Count(n => n.HeldDuring(period));
        if (heldNumbers > 0 && version.NumberFee != 0)
        {
            lines.Add(new InvoiceLine(LineCategory.Numbers, "Phone numbers", heldNumbers, "number", version.NumberFee,
                (new Money(version.NumberFee, currency) * heldNumbers).RoundToMinorUnit(mode)));
        }

        var usageGroups = usage
            .GroupBy(u => (u.Event.Component, u.Event.Direction))
            .OrderBy(g => g.Key.Component).ThenBy(g => g.Key.Direction);
        foreach (var group in usageGroups)
        {
            var seconds = group.Sum(u => (long)u.Charge.BillableSeconds);
            var amount = group.Aggregate(Money.Zero(currency), (sum, u) => sum + u.Charge.Amount);
            var unitPrices = group.Select(u => u.Charge.UnitPrice).Distinct().ToList();
            var calls = group.Count();
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Direction} {Describe(group.Key.Component)} ({calls} call{(calls == 1 ? "" : "s")})");
            lines.Add(new InvoiceLine(LineCategory.Usage, description, seconds / 60m, "min",
                unitPrices.Count == 1 ? unitPrices[0] : null, amount.RoundToMinorUnit(mode)));
        }

        return new Invoice(Invoice.IdFor(account.Id, period), account.Id, account.Name, period, currency, lines);
    }

    private static string Describe(Usage.UsageComponent component) => component switch
    {
        Usage.UsageComponent.Telephony => "calling minutes",
        Usage.UsageComponent.AiVoice => "AI voice minutes",
        Usage.UsageComponent.Transfer => "transfer minutes",
        _ => component.ToString(),
    };
}
