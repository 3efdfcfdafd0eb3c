using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Checks a plan document before it is accepted; every problem names the JSON path of the field at fault.</summary>
public static class PricePlanValidator
{
    public static IReadOnlyList<RecordProblem> Validate(PricePlan plan)
    {
        var problems = new List<RecordProblem>();
        if (IdRule.Id.Check("id", plan.Id) is { } id)
        {
            problems.Add(id);
        }

        if (plan.Name is { Length: > 200 })
        {
            problems.Add(new RecordProblem("name", $"is {plan.Name.Length} characters long; at most 200"));
        }

        if (string.IsNullOrWhiteSpace(plan.Currency) || !CurrencyInfo.IsKnown(plan.Currency))
        {
            problems.Add(new RecordProblem("currency", $"'{plan.Currency}' is not a supported ISO 4217 code"));
        }

        if (plan.Versions is not { Count: > 0 })
        {
            problems.Add(new RecordProblem("versions", "needs at least one version"));
            return problems;
        }

        if (plan.Versions.GroupBy(v => v.EffectiveFrom).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            problems.Add(new RecordProblem("versions", $"two versions take effect on {clash.Key:yyyy-MM-dd}"));
        }

        for (var i = 0; i < plan.Versions.Count; i++)
        {
            ValidateVersion(plan.Versions[i], $"versions[{i}]", problems);
        }

        return problems;
    }

    private static void ValidateVersion(PlanVersion version, string path, List<RecordProblem> problems)
    {
        if (version.PlatformFee < 0)
        {
            problems.Add(new RecordProblem($"{path}.platformFee", "must not be negative"));
        }

        if (version.NumberFee < 0)
        {
            problems.Add(new RecordProblem($"{path}.numberFee", "must not be negative"));
        }

        if (version.PerCall is null || version.PerCall.Decimals is < 0 or > 10)
        {
            problems.Add(new RecordProblem($"{path}.perCall.decimals", "must be between 0 and 10"));
        }

        if (version.PerCall is { IncrementRounding: not null, IncrementDecimals: null })
        {
            problems.Add(new RecordProblem($"{path}.perCall.incrementRounding", "has no effect without incrementDecimals"));
        }

        for (var i = 0; i < (version.TimeBands ?? []).Count; i++)
        {
            if (version.TimeBands![i] is { Observed: not ObservedDay.Actual, Dates: null or { Count: 0 } })
            {
                problems.Add(new RecordProblem($"{path}.timeBands[{i}].observed", "has no effect without dates"));
            }
        }

        var bandNames = (version.TimeBands ?? []).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var rates = version.UsageRates ?? [];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rates.Count; i++)
        {
            ValidateRate(rates[i], $"{path}.usageRates[{i}]", bandNames, problems);
            var key = $"{rates[i].Component}|{rates[i].Direction}|{rates[i].NumberType}|{rates[i].Prefix}|{rates[i].Band}";
            if (!keys.Add(key))
            {
                problems.Add(new RecordProblem($"{path}.usageRates[{i}]", $"a second row for {rates[i].Describe()}: rows must differ in at least one key"));
            }
        }

        for (var i = 0; i < (version.Bundles ?? []).Count; i++)
        {
            if (version.Bundles![i].IncludedMinutes < 0)
            {
                problems.Add(new RecordProblem($"{path}.bundles[{i}].includedMinutes", "must not be negative"));
            }
        }

        var tiers = version.Tiers ?? [];
        for (var i = 0; i < tiers.Count; i++)
        {
            var bounds = tiers[i].Tiers ?? [];
            var ordered = bounds.Count > 0 && bounds[^1].UpToMinutes is null;
            decimal floor = 0;
            foreach (var tier in bounds.Take(bounds.Count - 1))
            {
                ordered &= tier.UpToMinutes is { } upper && upper > floor;
                floor = tier.UpToMinutes ?? floor;
            }

            if (!ordered)
            {
                problems.Add(new RecordProblem($"{path}.tiers[{i}].tiers", "needs increasing upToMinutes bounds and a last tier without one"));
            }
        }

        if (version.MinimumSpend < 0)
        {
            problems.Add(new RecordProblem($"{path}.minimumSpend", "must not be negative"));
        }
    }

    private static void ValidateRate(UsageRate rate, string path, HashSet<string> bandNames, List<RecordProblem> problems)
    {
        if (rate.PerMinute < 0)
        {
            problems.Add(new RecordProblem($"{path}.perMinute", "must not be negative"));
        }

        if (rate.Increment.FirstSeconds < 1 || rate.Increment.NextSeconds < 1)
        {
            problems.Add(new RecordProblem($"{path}.increment", "is required, written \"first/next\" such as \"60/60\""));
        }

        foreach (var (field, value) in new[] { ("connectFee", rate.ConnectFee), ("attemptCharge", rate.AttemptCharge), ("minimumCharge", rate.MinimumCharge) })
        {
            if (value < 0)
            {
                problems.Add(new RecordProblem($"{path}.{field}", "must not be negative"));
            }
        }

        if (rate.MaximumCharge is { } cap && cap < rate.MinimumCharge)
        {
            problems.Add(new RecordProblem($"{path}.maximumCharge", "must not be below minimumCharge"));
        }

        if (rate.MinimumSeconds < 0)
        {
            problems.Add(new RecordProblem($"{path}.minimumSeconds", "must not be negative"));
        }

        if (rate.Prefix is { } prefix && (prefix.Length == 0 || !prefix.All(char.IsAsciiDigit)))
        {
            problems.Add(new RecordProblem($"{path}.prefix", $"'{prefix}' must be E.164 digits without '+', e.g. \"44\" or \"1800\""));
        }

        if (rate.Band is { } band && !bandNames.Contains(band))
        {
            problems.Add(new RecordProblem($"{path}.band", $"'{band}' is not one of the version's timeBands"));
        }

        var stages = rate.IncrementStages ?? [];
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].AfterSeconds <= (i == 0 ? 0 : stages[i - 1].AfterSeconds) || stages[i].NextSeconds < 1)
            {
                problems.Add(new RecordProblem($"{path}.incrementStages[{i}]", "stages need increasing afterSeconds above 0 and nextSeconds of at least 1"));
            }
        }

        var steps = rate.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].AfterSeconds <= (i == 0 ? 0 : steps[i - 1].AfterSeconds) || steps[i].PerMinute < 0)
            {
                problems.Add(new RecordProblem($"{path}.steps[{i}]", "steps need increasing afterSeconds above 0 and a non-negative perMinute"));
            }
        }
    }
}
