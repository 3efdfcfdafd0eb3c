using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>Assembles an account's invoice for a period from its plan, the numbers it held and its rated usage.</summary>
/// <remarks>
/// Calls that arrived after their own period's close had started are billed here at their rated price, one
/// line per period they belong to (<see cref="PriorPeriodUsage"/>), outside this period's bundles, tiers and minimum.
/// Recurring fees are prorated by day for the part of the period the account had service and for each plan
/// version in force (<see cref="RecurringFees"/>); number fees, bundles and tiers come from the version in force on
/// the period's first day. A number held for part of the period is charged for the days it was held. Usage is drawn
/// from bundles in call-start order (<see cref="BundleDrawdown"/>); what remains is one line per component and
/// direction, or one line per component priced by its tier schedule. Every line sums exact amounts and is
/// rounded once, with the plan's line rounding, to the currency's minor unit; the total is the sum of the lines.
/// For a tax service that taxes intrastate and interstate minutes apart, each usage line is split by where its calls ran
/// (<see cref="UsageLineSplit"/>); the parts add up to the line they replace, so the split never changes what is billed.
/// </remarks>
public static class InvoiceBuilder
{
    /// <param name="previousUsage">The previous period's rated usage, when a bundle rolls unused minutes over; null when none does.</param>
    /// <param name="usageByJurisdiction">Where a call ran, to split each usage line into its intrastate, interstate and international
    /// parts (null for a call left on the unsplit part); null, the default, splits nothing.</param>
    public static Invoice Build(
        Account account,
        PricePlan plan,
        BillingPeriod period,
        IReadOnlyList<NumberAssignment> numbers,
        IReadOnlyList<RatedUsage> usage,
        IReadOnlyList<RatedUsage>? previousUsage = null,
        Func<UsageEvent, UsageJurisdiction?>? usageByJurisdiction = null)
    {
        var version = plan.VersionOn(period.Start) ?? plan.Versions.MinBy(v => v.EffectiveFrom)!;
        var lines = new InvoiceLines(plan.Currency, version.LineRounding);

        AddRecurringLines(lines, account, plan, period);

        AddNumberLines(lines, version, period, numbers);
        var carried = CarriedOver(plan, period, previousUsage);
        AddUsageLines(lines, version, BundleDrawdown.Draw(CallOrder.Own(usage), version.Bundles, carried), carried, usageByJurisdiction);

        var subtotal = lines.Total;
        if (version.MinimumSpend > subtotal)
        {
            lines.Add(LineCategory.Commitment, "Minimum monthly spend true-up", 1, "month", null, version.MinimumSpend - subtotal);
        }

        // After the true-up: late calls belong to their own period's spend, not to this one's commitment.
        PriorPeriodUsage.AddLines(
            (category, description, quantity, unit, unitPrice, amount) => lines.Add(category, description, quantity, unit, unitPrice, amount), account, usage);

        return new Invoice(Invoice.IdFor(account.Id, period), account.Id, account.Name, period, plan.Currency, lines.ToList())
        {
            ServiceAddress = account.ServiceAddress,
            BillTo = account.Contact,
        };
    }

    private static void AddRecurringLines(InvoiceLines lines, Account account, PricePlan plan, BillingPeriod period)
    {
        var periodDays = Period.DaysBetween(period.Start, period.End);
        foreach (var span in RecurringFees.Spans(plan, account, period))
        {
            var share = (decimal)span.Days / periodDays;
            var label = RecurringFees.Label(span, period);
            var fee = span.Version.PlatformFee;
            lines.Add(LineCategory.PlatformFee, $"{plan.Name} platform fee{label}", decimal.Round(share, 4), "month", fee, fee * share);
            foreach (var addOn in span.Version.AddOns ?? [])
            {
                lines.Add(LineCategory.AddOns, addOn.Description + label, addOn.Quantity, "month", addOn.MonthlyPrice, addOn.Quantity * addOn.MonthlyPrice * share);
            }
        }

        if (account.ActiveFrom is { } start && period.Contains(start) && plan.VersionOn(start) is { } atStart)
        {
            foreach (var fee in atStart.OneTimeFees ?? [])
            {
                lines.Add(LineCategory.OneTimeFees, fee.Description, 1, "once", fee.Amount, fee.Amount);
            }
        }
    }

    private static void AddNumberLines(InvoiceLines lines, PlanVersion version, BillingPeriod period, IReadOnlyList<NumberAssignment> numbers)
    {
        var periodDays = Period.DaysBetween(period.Start, period.End);
        foreach (var group in numbers.Where(n => n.HeldDuring(period)).GroupBy(n => n.Type).OrderBy(g => g.Key))
        {
            var fee = version.NumberFeeFor(group.Key);
            var numberMonths = group.Sum(n => (decimal)n.DaysHeldIn(period) / periodDays);
            var quantity = decimal.Round(numberMonths, 4);
            lines.Add(LineCategory.Numbers, $"{Describe(group.Key)} numbers ({group.Count()})", quantity, "number", fee, numberMonths * fee);
        }
    }

    /// <summary>Unused seconds of the previous period's rollover bundles, by name.</summary>
    private static IReadOnlyDictionary<string, long>? CarriedOver(PricePlan plan, BillingPeriod period, IReadOnlyList<RatedUsage>? previousUsage)
    {
        var previous = new BillingPeriod(period.Start.PlusMonths(-1), period.Start);
        if (previousUsage is null || plan.VersionOn(previous.Start) is not { Bundles: { } bundles })
        {
            return null;
        }

        return BundleDrawdown.Unused(BundleDrawdown.Apply(previousUsage, bundles), bundles);
    }

    /// <remarks>One pass over the calls (<see cref="UsageTallies"/>): a long period is never held, and every sum adds the same amounts in
    /// the same call order as before, so each line is the same to the cent.</remarks>
    private static void AddUsageLines(
        InvoiceLines lines, PlanVersion version, IEnumerable<DrawnCall> calls, IReadOnlyDictionary<string, long>? carried,
        Func<UsageEvent, UsageJurisdiction?>? usageByJurisdiction)
    {
        var tiered = (version.Tiers ?? []).ToDictionary(t => t.Component);
        var tallies = UsageTallies.Of(calls, tiered.Keys.ToHashSet(), usageByJurisdiction);
        foreach (var bundle in version.Bundles ?? [])
        {
            var used = tallies.IncludedSeconds(bundle) / 60m;
            var extra = (carried?.GetValueOrDefault(bundle.Name) ?? 0) / 60m;
            var carriedNote = extra > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{extra:0.##} carried over)") : "";
            lines.Add(LineCategory.IncludedUsage, string.Create(CultureInfo.InvariantCulture,
                $"{bundle.Name}: {used:0.##} of {bundle.IncludedMinutes:0.##} included minutes{carriedNote}"), used, "min", null, 0m);
        }

        foreach (var (key, line) in tallies.Groups)
        {
            var description = $"{key.Direction} {Describe(key.Component)}";
            var whole = lines.Round(line.All.ChargedAmount);
            foreach (var part in UsageLineSplit.Parts(line, whole, c => c.ChargedAmount))
            {
                // The line's minutes are the charged ones, and overage seconds cost the bundle's overage price: the unit price shown is theirs
                // (a group wholly included shows its calls' own price).
                var count = part.Calls.Count;
                lines.Add(LineCategory.Usage,
                    $"{description}{UsageLineSplit.Label(part.Jurisdiction)} ({count} call{(count == 1 ? "" : "s")})",
                    part.Calls.ChargedSeconds / 60m, "min", part.Calls.UnitPrice, part.Amount, key.Component, part.Jurisdiction);
            }
        }

        foreach (var schedule in tiered.Values)
        {
            var inTier = tallies.Tier(schedule.Component);
            var minutes = inTier.All.ChargedSeconds / 60m;
            var whole = lines.Round(schedule.Price(minutes));

            // A tier schedule prices the period's minutes together: a split part carries its share of that price by minutes.
            foreach (var part in UsageLineSplit.Parts(inTier, whole, c => c.ChargedSeconds))
            {
                lines.Add(LineCategory.Usage, $"{Describe(schedule.Component)} ({schedule.Mode.ToString().ToLowerInvariant()} tiers){UsageLineSplit.Label(part.Jurisdiction)}",
                    part.Calls.ChargedSeconds / 60m, "min", null, part.Amount, schedule.Component, part.Jurisdiction);
            }
        }
    }

    private static string Describe(UsageComponent component) => component switch
    {
        UsageComponent.Telephony => "calling minutes",
        UsageComponent.AiVoice => "AI voice minutes",
        UsageComponent.Transfer => "transfer minutes",
        _ => component.ToString(),
    };

    private static string Describe(NumberType type) => type switch
    {
        NumberType.TollFree => "Toll-free",
        _ => type.ToString(),
    };

    /// <summary>Adds one line to the invoice under construction (rounded once to the minor unit).</summary>
    internal delegate void AddLine(LineCategory category, string description, decimal quantity, string unit, decimal? unitPrice, decimal amount);

    /// <summary>Lines under construction: each amount rounded once to the minor unit as it is added; zero-amount fee lines are left out.</summary>
    private sealed class InvoiceLines(string currency, RoundingMode mode)
    {
        private readonly List<InvoiceLine> lines = [];

        public decimal Total => lines.Sum(l => l.Amount.Amount);

        /// <summary>An amount rounded as a line's is.</summary>
        public Money Round(decimal amount) => new Money(amount, currency).RoundToMinorUnit(mode);

        public void Add(
            LineCategory category, string description, decimal quantity, string unit, decimal? unitPrice, decimal amount, UsageComponent? component = null,
            UsageJurisdiction? jurisdiction = null)
        {
            var isFee = category is LineCategory.PlatformFee or LineCategory.AddOns or LineCategory.OneTimeFees or LineCategory.Numbers;
            if (isFee && amount == 0)
            {
                return;
            }

            lines.Add(new InvoiceLine(category, description, quantity, unit, unitPrice, Round(amount)) { Component = component, Jurisdiction = jurisdiction });
        }

        public List<InvoiceLine> ToList() => lines;
    }
}
