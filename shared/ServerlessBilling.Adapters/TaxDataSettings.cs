using System.Globalization;
using Microsoft.Extensions.Configuration;
using ServerlessBilling.Tax;

namespace ServerlessBilling;

/// <summary>Reads <see cref="TaxDataOptions"/> from configuration: <c>Tax:MissingRate</c> (<c>Hold</c>, the default, or <c>Warn</c>)
/// and <c>Tax:FreshnessHorizonDays</c> (default 45).</summary>
public static class TaxDataSettings
{
    /// <param name="tableRefresh">How long an instance keeps its tax table (<c>Tax:TableRefreshSeconds</c>): a close woken by an upload
    /// that still finds the rate missing looks again once every instance has re-read the tables.</param>
    public static TaxDataOptions From(IConfiguration configuration, TimeSpan tableRefresh)
    {
        var defaults = TaxDataOptions.Default;
        var options = defaults with
        {
            MissingRate = configuration["Tax:MissingRate"] is { Length: > 0 } policy
                ? Enum.TryParse<MissingTaxRate>(policy, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Tax:MissingRate '{policy}' is neither Hold nor Warn.")
                : defaults.MissingRate,
            FreshnessHorizonDays = configuration["Tax:FreshnessHorizonDays"] is { Length: > 0 } days
                ? int.Parse(days, CultureInfo.InvariantCulture)
                : defaults.FreshnessHorizonDays,
            RecheckAfterUpload = NodaTime.Duration.FromTimeSpan(tableRefresh) + NodaTime.Duration.FromSeconds(30),
        };
        return options.Validate() is { Count: > 0 } problems
            ? throw new InvalidOperationException("Tax settings: " + string.Join(" ", problems))
            : options;
    }
}
