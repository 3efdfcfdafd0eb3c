using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Tax;

/// <summary>Warns, one structured entry per rule, about tax rules whose newest rate ends within <c>Tax:FreshnessHorizonDays</c>:
/// once when the app starts and from every daily close check.</summary>
public sealed partial class TaxFreshnessLog(TaxTableFreshness freshness, TimeProvider clock, ILogger<TaxFreshnessLog> logger) : BackgroundService
{
    /// <summary>Checks the tables in force as of today (UTC) and logs each rule running out.</summary>
    public async Task<IReadOnlyList<ExpiringTaxRule>> CheckAsync(CancellationToken cancellationToken)
    {
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
        var expiring = await freshness.CheckAsync(today, cancellationToken);
        foreach (var rule in expiring)
        {
            var until = rule.CoveredUntil.ToString("yyyy-MM-dd", null);
            if (rule.CoveredUntil <= today)
            {
                LogRanOut(logger, rule.RuleKey, rule.Table, until);
            }
            else
            {
                LogRunningOut(logger, rule.RuleKey, rule.Table, until, Period.Between(today, rule.CoveredUntil, PeriodUnits.Days).Days, freshness.HorizonDays);
            }
        }

        return expiring;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await CheckAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The daily check tries again; a start-up never fails for a warning.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax rule {RuleKey} of table {Table} has no rate from {CoveredUntil}, {DaysLeft} days from today (horizon {HorizonDays} days): store the next rates before a close needs them")]
    private static partial void LogRunningOut(ILogger logger, string ruleKey, string? table, string coveredUntil, int daysLeft, int horizonDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax rule {RuleKey} of table {Table} has had no rate since {CoveredUntil}: closes dated since are held or warn (Tax:MissingRate) until the next rates are stored")]
    private static partial void LogRanOut(ILogger logger, string ruleKey, string? table, string coveredUntil);

    [LoggerMessage(Level = LogLevel.Error, Message = "The tax table freshness check failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
