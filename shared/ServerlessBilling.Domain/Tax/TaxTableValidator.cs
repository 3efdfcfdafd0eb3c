namespace ServerlessBilling.Tax;

/// <summary>Checks a tax table before it is used; every problem starts with the key of the rule at fault.</summary>
/// <remarks>
/// A rule's versions must follow each other exactly: each one's <c>until</c> is the next one's <c>from</c>. A gap
/// would bill no tax for a while and an overlap two rates at once, so both reject the whole table rather than
/// guess. A rule that truly lapses for a while gets a version with a zero rate.
/// </remarks>
public static class TaxTableValidator
{
    public static IReadOnlyList<string> Validate(IReadOnlyList<TaxJurisdiction> jurisdictions, IReadOnlyList<TaxRule> rules)
    {
        var problems = new List<string>();
        var codes = jurisdictions.Select(j => j.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in jurisdictions.GroupBy(j => j.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"jurisdiction {duplicate.Key}: defined {duplicate.Count()} times");
        }

        // Two rules with one key are one rule with two sets of dates: that is an overlap.
        foreach (var duplicate in rules.GroupBy(r => r.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"rule {duplicate.Key}: defined {duplicate.Count()} times, so its effective dates overlap");
        }

        var byKey = rules.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var rule in byKey.Values)
        {
            var at = $"rule {rule.Key}";
            if (!codes.Contains(rule.Jurisdiction))
            {
                problems.Add($"{at}: unknown jurisdiction '{rule.Jurisdiction}'");
            }

            CheckBasis(rule, at, problems);
            CheckDates(rule, at, problems);
            foreach (var included in rule.BaseIncludes)
            {
                if (!byKey.TryGetValue(included, out var earlier))
                {
                    problems.Add($"{at}: includes unknown rule '{included}' in its base");
                }
                else if (earlier.Order >= rule.Order)
                {
                    problems.Add($"{at}: includes '{included}' in its base, which is not calculated before it (order {earlier.Order} >= {rule.Order})");
                }
            }
        }

        return problems;
    }

    private static void CheckBasis(TaxRule rule, string at, List<string> problems)
    {
        if (rule.Basis == TaxBasis.Percent && rule.AppliesTo.Count == 0)
        {
            problems.Add($"{at}: a percentage rule needs the product categories it applies to");
        }

        if (rule.Basis == TaxBasis.PerLine && rule.LineUnit is null)
        {
            problems.Add($"{at}: a per-line rule needs a line unit");
        }

        if (rule.Basis != TaxBasis.Percent && rule.BaseIncludes.Count > 0)
        {
            problems.Add($"{at}: only a percentage rule can include other taxes in its base");
        }

        foreach (var version in rule.Versions)
        {
            var amount = rule.Basis == TaxBasis.Percent ? version.Rate : version.UnitAmount;
            if (amount is null or < 0)
            {
                var field = rule.Basis == TaxBasis.Percent ? "rate" : "unitAmount";
                problems.Add($"{at}: version from {version.From:yyyy-MM-dd} needs a non-negative {field}");
            }

            if (string.IsNullOrWhiteSpace(version.Source))
            {
                problems.Add($"{at}: version from {version.From:yyyy-MM-dd} needs a source");
            }
        }
    }

    private static void CheckDates(TaxRule rule, string at, List<string> problems)
    {
        if (rule.Versions.Count == 0)
        {
            problems.Add($"{at}: has no versions");
            return;
        }

        var ordered = rule.Versions.OrderBy(v => v.From).ToList();
        foreach (var version in ordered.Where(v => v.Until is { } until && until <= v.From))
        {
            problems.Add($"{at}: version from {version.From:yyyy-MM-dd} ends on or before it starts");
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var next = ordered[i];
            if (previous.Until is null || previous.Until > next.From)
            {
                problems.Add($"{at}: versions from {previous.From:yyyy-MM-dd} and {next.From:yyyy-MM-dd} overlap");
            }
            else if (previous.Until < next.From)
            {
                problems.Add($"{at}: gap from {previous.Until:yyyy-MM-dd} to {next.From:yyyy-MM-dd}");
            }
        }
    }
}
