using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Checks a plan document before it is accepted; every problem names the JSON path of the field at fault.</summary>
public static class PricePlanValidator
{
    public static IReadOnlyList<RecordProblem> Validate(PricePlan plan)
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(plan.Id))
        {
            problems.Add(new RecordProblem("id", "is required"));
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

        var rates = version.UsageRates ?? [];
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            var ratePath = $"{path}.usageRates[{i}]";
            if (rate.PerMinute < 0)
            {
                problems.Add(new RecordProblem($"{ratePath}.perMinute", "must not be negative"));
            }

            if (rate.Increment.FirstSeconds < 1 || rate.Increment.NextSeconds < 1)
            {
                problems.Add(new RecordProblem($"{ratePath}.increment", "is required, written \"first/next\" such as \"60/60\""));
            }

            if (rate.ConnectFee < 0 || rate.AttemptCharge < 0)
            {
                problems.Add(new RecordProblem($"{ratePath}.{(rate.ConnectFee < 0 ? "connectFee" : "attemptCharge")}", "must not be negative"));
            }

            if (rates.Take(i).Any(r => r.Component == rate.Component && r.Direction == rate.Direction))
            {
                problems.Add(new RecordProblem(ratePath, $"a second {rate.Component} {rate.Direction} rate"));
            }
        }
    }
}
