using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The alert rules and the workbook query metrics the code emits, read from where the instruments are created, so a
/// renamed or dropped instrument cannot leave an alert that never fires; the platform health check names the health route.</summary>
public partial class AlertRulesTests
{
    private static readonly Lazy<JsonElement> MainTemplate = new(() => Bicep.Build("main.bicep"));

    /// <summary>The names of the instruments <c>BillingMetrics</c> creates, through the <see cref="TelemetryNames"/> constants it passes.</summary>
    public static IReadOnlySet<string> EmittedMetrics()
    {
        var source = Repository.ReadText("shared", "ServerlessBilling.Adapters", "Telemetry", "BillingMetrics.cs");
        var constants = typeof(TelemetryNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        return CreatedInstrument().Matches(source).Select(m => constants[m.Groups["constant"].Value]).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void EmittedMetrics_AreReadFromTheCode() =>
        EmittedMetrics().ShouldContain(TelemetryNames.PoisonDepth);

    [BicepFact]
    public void EveryAlertQuery_NamesOnlyMetricsTheCodeEmits()
    {
        var emitted = EmittedMetrics();
        var rules = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Insights/scheduledQueryRules").ToList();

        rules.Count.ShouldBe(1); // one copy loop over the rules
        var queries = Repository.ReadText("infra", "modules", "observability.bicep");
        var named = MetricNames(queries).ToList();

        named.Except(emitted).ShouldBeEmpty();
        named.ShouldBe(
            [TelemetryNames.PoisonDepth, TelemetryNames.IngestEvents, TelemetryNames.Closes, TelemetryNames.SignatureFailures, TelemetryNames.RatingLag,
             TelemetryNames.TaxDaysToExpiry, TelemetryNames.Charges, TelemetryNames.WebhookEndpoints, TelemetryNames.WebhookAttempts],
            ignoreOrder: true);
    }

    [Fact]
    public void EveryWorkbookQuery_NamesOnlyMetricsTheCodeEmits()
    {
        using var workbook = JsonDocument.Parse(Repository.ReadText("infra", "modules", "billing-workbook.json"));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("content"))
            .Where(content => content.TryGetProperty("query", out _))
            .Select(content => content.GetProperty("query").GetString()!)
            .ToList();

        queries.Count.ShouldBeGreaterThanOrEqualTo(8);
        queries.ShouldAllBe(query => MetricNames(query).Any());
        queries.SelectMany(MetricNames).Except(EmittedMetrics()).ShouldBeEmpty();
    }

    [BicepFact]
    public void Alerts_GoToTheActionGroupMailingTheOperator()
    {
        var groups = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Insights/actionGroups").ToList();
        var rule = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Insights/scheduledQueryRules").Single();

        groups.ShouldHaveSingleItem().GetProperty("properties").GetProperty("emailReceivers")[0].GetProperty("emailAddress").GetString()
            .ShouldBe("[parameters('alertEmail')]");
        rule.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups")[0].GetString()!.ShouldContain("actionGroups");
        Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Insights/workbooks").Count().ShouldBe(1);
    }

    [BicepFact]
    public void PlatformHealthCheck_IsTheAnonymousHealthRoute()
    {
        var site = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Web/sites").Single(s => !s.TryGetProperty("existing", out _));

        site.GetProperty("properties").GetProperty("siteConfig").GetProperty("healthCheckPath").GetString().ShouldBe("/api/health");
    }

    private static IEnumerable<string> MetricNames(string query) =>
        MetricName().Matches(query).SelectMany(m => m.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(name => name.Trim('\'', '\\'))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"Create\w*(?:<\w+>)?\(\s*TelemetryNames\.(?<constant>\w+)")]
    private static partial Regex CreatedInstrument();

    [GeneratedRegex(@"\bname\s*(?:==|in)\s*\(?(?<names>(?:\\?'billing\.[a-z_.]+\\?'\s*,?\s*)+)")]
    private static partial Regex MetricName();
}
