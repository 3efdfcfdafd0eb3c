using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>Which tax rules run out within <see cref="TaxDataOptions.FreshnessHorizonDays"/>, so an operator adds the next
/// rates before a close needs them (a close without a rate is held, or warns, by <see cref="TaxDataOptions.MissingRate"/>).</summary>
public sealed class TaxTableFreshness(ITaxTables tables, TaxDataOptions options)
{
    public int HorizonDays => options.FreshnessHorizonDays;

    /// <summary>The rules of the tables in force that run out within the horizon of <paramref name="today"/>, soonest first.</summary>
    public async Task<IReadOnlyList<ExpiringTaxRule>> CheckAsync(LocalDate today, CancellationToken cancellationToken) =>
        Expiring(await tables.CurrentAsync(cancellationToken), today, options.FreshnessHorizonDays);

    /// <summary>The rules whose newest version ends on or before <paramref name="today"/> plus <paramref name="horizonDays"/>; an open-ended rule never does.</summary>
    /// <remarks>A rule that has already run out is listed too: closes dated after its end find no rate.</remarks>
    public static IReadOnlyList<ExpiringTaxRule> Expiring(TaxTable table, LocalDate today, int horizonDays)
    {
        var horizon = today.PlusDays(horizonDays);
        return
        [
            .. table.Rules
                .Select(rule => (rule, until: TaxTable.CoveredUntil(rule)))
                .Where(r => r.until is { } until && until <= horizon)
                .Select(r => new ExpiringTaxRule(r.rule.Key, r.rule.Table, r.until!.Value))
                .OrderBy(r => r.CoveredUntil)
                .ThenBy(r => r.RuleKey, StringComparer.Ordinal),
        ];
    }
}
