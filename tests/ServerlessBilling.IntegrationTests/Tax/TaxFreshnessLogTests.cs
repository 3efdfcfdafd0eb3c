using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ServerlessBilling.Functions.Tax;
using ServerlessBilling.IntegrationTests.Telemetry;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>The tax tables' freshness warning as both hosts write it: one structured warning per rule whose newest rate ends within
/// the horizon (or has ended), from the daily check and once at start-up; a rule with rates beyond the horizon is not logged.</summary>
public sealed class TaxFreshnessLogTests
{
    private const string Category = "ServerlessBilling.Functions.Tax.TaxFreshnessLog";
    private static readonly DateTimeOffset Today = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);

    // Four 911 rules of one state: ran out on Nov 1, runs out Dec 20 (16 days), runs out in March (beyond 45 days), open-ended.
    private static readonly TaxTable Table = TaxTableLoader.Load([new NamedTaxDocument("wa", Encoding.UTF8.GetBytes($$"""
        {
          "jurisdictions": [ { "code": "US-WA", "level": "State", "name": "Washington", "region": "WA" } ],
          "rules": [ {{Rule("wa-ended", "2026-11-01")}}, {{Rule("wa-soon", "2026-12-20")}}, {{Rule("wa-march", "2027-03-01")}}, {{Rule("wa-open", null)}} ]
        }
        """))]);

    private static string Rule(string key, string? until) => $$"""
        { "key": "{{key}}", "jurisdiction": "US-WA", "kind": "Emergency911", "label": "911", "basis": "PerLine", "lineUnit": "Channel",
          "versions": [ { "from": "2026-01-01", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "unitAmount": 0.25, "status": "Verified", "source": "test", "asOf": "2026-01-01" } ] }
        """;

    [Fact]
    public async Task Check_RulesRunningOutWithinTheHorizon_OneWarningEach_SoonestFirst()
    {
        using var logs = new CapturedLogs();
        var log = FreshnessLog(logs);

        var expiring = await log.CheckAsync(CancellationToken.None);

        expiring.Select(r => r.RuleKey).ShouldBe(["wa-ended", "wa-soon"]);
        Warnings(logs).ShouldBe(
        [
            $"Warning {Category}: Tax rule wa-ended of table wa has had no rate since 2026-11-01: closes dated since are held or warn (Tax:MissingRate) until the next rates are stored"
                + " | CoveredUntil=2026-11-01 Table=wa RuleKey=wa-ended {OriginalFormat}=Tax rule {RuleKey} of table {Table} has had no rate since {CoveredUntil}: closes dated since are held or warn (Tax:MissingRate) until the next rates are stored | ",
            $"Warning {Category}: Tax rule wa-soon of table wa has no rate from 2026-12-20, 16 days from today (horizon 45 days): store the next rates before a close needs them"
                + " | HorizonDays=45 DaysLeft=16 CoveredUntil=2026-12-20 Table=wa RuleKey=wa-soon {OriginalFormat}=Tax rule {RuleKey} of table {Table} has no rate from {CoveredUntil}, {DaysLeft} days from today (horizon {HorizonDays} days): store the next rates before a close needs them | ",
        ]);
    }

    [Fact]
    public async Task Start_ChecksOnceAsTheHostStarts()
    {
        using var logs = new CapturedLogs();
        var log = FreshnessLog(logs, horizonDays: 120);

        await log.StartAsync(CancellationToken.None);
        await log.ExecuteTask!;
        await log.StopAsync(CancellationToken.None);

        // With a 120-day horizon the March rule is running out too: 87 days from today.
        Warnings(logs).Select(w => w[..w.IndexOf(" | ", StringComparison.Ordinal)]).ShouldBe(
        [
            $"Warning {Category}: Tax rule wa-ended of table wa has had no rate since 2026-11-01: closes dated since are held or warn (Tax:MissingRate) until the next rates are stored",
            $"Warning {Category}: Tax rule wa-soon of table wa has no rate from 2026-12-20, 16 days from today (horizon 120 days): store the next rates before a close needs them",
            $"Warning {Category}: Tax rule wa-march of table wa has no rate from 2027-03-01, 87 days from today (horizon 120 days): store the next rates before a close needs them",
        ]);
    }

    private static TaxFreshnessLog FreshnessLog(CapturedLogs logs, int horizonDays = 45)
    {
        var factory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var freshness = new TaxTableFreshness(new FixedTaxTables(Table), TaxDataOptions.Default with { FreshnessHorizonDays = horizonDays });
        return new TaxFreshnessLog(freshness, new FakeTimeProvider(Today), factory.CreateLogger<TaxFreshnessLog>());
    }

    private static List<string> Warnings(CapturedLogs logs) => [.. logs.Records.Where(r => r.StartsWith("Warning ", StringComparison.Ordinal))];
}
