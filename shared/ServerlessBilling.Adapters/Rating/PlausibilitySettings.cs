using System.Globalization;
using ServerlessBilling.Hosting;

namespace ServerlessBilling.Rating;

/// <summary>Section <c>Plausibility</c>: the limits a call must meet to be billed without a person seeing it (<see cref="PlausibilityLimits"/>),
/// and overrides per source. An account's own limits (<see cref="Accounts.Account.Plausibility"/>) go over both.</summary>
public sealed class PlausibilitySettings : ISettingsSection
{
    public static string Section => "Plausibility";

    /// <summary>Longest connected minutes of one call component (default 240).</summary>
    public int? MaxCallMinutes { get; set; }

    /// <summary>Minutes a start may lie in the future (default 5).</summary>
    public int? ClockSkewMinutes { get; set; }

    /// <summary>Days a start may lie in the past (default 90).</summary>
    public int? BackdatingDays { get; set; }

    /// <summary>Highest price of one call component in the plan's currency (default 100).</summary>
    public decimal? MaxChargePerCall { get; set; }

    /// <summary>Limits per source, <c>source:limit=value,...;source:...</c> with the limits named as above in camel case, e.g.
    /// <c>vapi:maxCallMinutes=720;retell:maxCallMinutes=120,maxChargePerCall=40</c>.</summary>
    public string? SourceOverrides { get; set; }

    public IEnumerable<string> Problems()
    {
        var problems = new List<string>();
        Positive(MaxCallMinutes, "MaxCallMinutes");
        Positive(BackdatingDays, "BackdatingDays");
        if (ClockSkewMinutes is < 0)
        {
            problems.Add("Plausibility:ClockSkewMinutes: must not be negative.");
        }

        if (MaxChargePerCall is <= 0)
        {
            problems.Add("Plausibility:MaxChargePerCall: must be more than 0.");
        }

        ParseSources(problems);
        return problems;

        void Positive(int? value, string name)
        {
            if (value is < 1)
            {
                problems.Add($"Plausibility:{name}: must be at least 1.");
            }
        }
    }

    public PlausibilityPolicy ToPolicy()
    {
        var defaults = PlausibilityLimits.Default.With(new LimitOverrides(MaxCallMinutes, ClockSkewMinutes, BackdatingDays, MaxChargePerCall));
        return new PlausibilityPolicy(defaults, ParseSources([]));
    }

    private Dictionary<string, LimitOverrides> ParseSources(List<string> problems)
    {
        var bySource = new Dictionary<string, LimitOverrides>(StringComparer.Ordinal);
        if (!SettingText.IsSet(SourceOverrides))
        {
            return bySource;
        }

        foreach (var entry in SourceOverrides!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1)
            {
                problems.Add($"Plausibility:SourceOverrides: '{entry}' is not source:limit=value,...");
                continue;
            }

            var overrides = bySource.GetValueOrDefault(entry[..colon].Trim()) ?? new LimitOverrides();
            foreach (var pair in entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                var number = parts.Length == 2 && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (decimal?)null;
                overrides = (parts[0], number) switch
                {
                    (_, null) => Bad(pair),
                    ("maxCallMinutes", { } v) when v == decimal.Truncate(v) => overrides with { MaxCallMinutes = (int)v },
                    ("clockSkewMinutes", { } v) when v == decimal.Truncate(v) => overrides with { ClockSkewMinutes = (int)v },
                    ("backdatingDays", { } v) when v == decimal.Truncate(v) => overrides with { BackdatingDays = (int)v },
                    ("maxChargePerCall", { } v) => overrides with { MaxChargePerCall = v },
                    _ => Bad(pair),
                };
            }

            bySource[entry[..colon].Trim()] = overrides;

            LimitOverrides Bad(string pair)
            {
                problems.Add($"Plausibility:SourceOverrides: '{pair}' is not maxCallMinutes, clockSkewMinutes or backdatingDays with a whole number, or maxChargePerCall with an amount, above 0.");
                return overrides;
            }
        }

        return bySource;
    }
}
