using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.IntegrationTests.Commands;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>The tax tables' line of the health report: the days until the first rule runs out of rates, in the details route and the
/// <c>health</c> verb, over tables whose dates the test sets (the host's tables replaced, so other tests' stored tables do not count).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaxHealthTests
{
    [Fact]
    public async Task Health_RuleRunningOutIn20Days_DaysToExpiryIs20_InTheDetailsAndTheVerb()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var table = Table(("wa-soon", today.PlusDays(20)), ("wa-later", today.PlusDays(30)), ("wa-open", null));
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "health-" + Guid.NewGuid().ToString("N")[..8],
            services => services.AddSingleton<ITaxTables>(new FixedTaxTables(table)));

        var report = await host.Api.GetHealthAsync(CancellationToken.None);
        using var output = new StringWriter();
        await HealthCommand.RunAsync(host.Api, output, CancellationToken.None);

        report.TaxDaysToExpiry.ShouldBe(20);
        output.ToString().Split('\n', StringSplitOptions.TrimEntries).ShouldContain("Tax tables:        20 days until a rule runs out of rates");
    }

    [Fact]
    public async Task HealthVerb_Json_PrintsOnlyTheDetailsOnStdout()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var table = Table(("wa-soon", today.PlusDays(12)), ("wa-open", null));
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "health-" + Guid.NewGuid().ToString("N")[..8],
            services => services.AddSingleton<ITaxTables>(new FixedTaxTables(table)));

        var run = await LocalHostProcess.RunAsync(["health", "--json", "--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey]);

        var report = JsonDocument.Parse(run.Output).RootElement;
        var status = report.GetProperty("status").GetString();
        run.ExitCode.ShouldBe(status == "unhealthy" ? 1 : 0, run.Errors);
        (report.GetProperty("taxDaysToExpiry").GetInt32(), report.GetProperty("storageReachable").GetBoolean()).ShouldBe((12, true));
        status.ShouldBe((await host.Api.GetHealthAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Health_NoRuleWithinTheHorizon_DaysToExpiryIsTheHorizon()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var table = Table(("wa-far", today.PlusDays(200)), ("wa-open", null));
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "health-" + Guid.NewGuid().ToString("N")[..8],
            services => services.AddSingleton<ITaxTables>(new FixedTaxTables(table)), new Dictionary<string, string?> { ["Tax:FreshnessHorizonDays"] = "60" });

        var report = await host.Api.GetHealthAsync(CancellationToken.None);

        report.TaxDaysToExpiry.ShouldBe(60);
    }

    private static TaxTable Table(params (string Key, LocalDate? Until)[] rules) => TaxTableLoader.Load([new NamedTaxDocument("health", Encoding.UTF8.GetBytes($$"""
        {
          "jurisdictions": [ { "code": "US-WA", "level": "State", "name": "Washington", "region": "WA" } ],
          "rules": [ {{string.Join(", ", rules.Select(r => Rule(r.Key, r.Until)))}} ]
        }
        """))]);

    private static string Rule(string key, LocalDate? until) => $$"""
        { "key": "{{key}}", "jurisdiction": "US-WA", "kind": "Emergency911", "label": "911", "basis": "PerLine", "lineUnit": "Channel",
          "versions": [ { "from": "2020-01-01", {{(until is { } u ? $"\"until\": \"{u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"," : "")}} "unitAmount": 0.25, "status": "Verified", "source": "test", "asOf": "2026-01-01" } ] }
        """;
}
