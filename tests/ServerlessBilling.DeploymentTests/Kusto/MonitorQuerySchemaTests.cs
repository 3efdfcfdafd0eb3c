namespace ServerlessBilling.DeploymentTests.Kusto;

/// <summary>The alert rules', the workbook's and the runbook's Kusto name only tables and columns the documented Application
/// Insights schema has, since none of them can run against Azure Monitor here; the metric names they compare are checked against
/// the code by <see cref="AlertRulesTests"/>.</summary>
public class MonitorQuerySchemaTests
{
    public static TheoryData<string> AlertQueries() => [.. MonitorQueries.AlertRules()];

    public static TheoryData<string> WorkbookQueries() => [.. MonitorQueries.Workbook()];

    public static TheoryData<string> RunbookQueries() => [.. MonitorQueries.Documented("observability.md")];

    [Theory]
    [MemberData(nameof(AlertQueries))]
    public void AlertQuery_NamesOnlyDocumentedTablesAndColumns(string query) =>
        KustoQueryCheck.Problems(query, KustoSchema.ApplicationInsights).ShouldBeEmpty(query);

    [Theory]
    [MemberData(nameof(WorkbookQueries))]
    public void WorkbookQuery_NamesOnlyDocumentedTablesAndColumns(string query) =>
        KustoQueryCheck.Problems(query, KustoSchema.ApplicationInsights).ShouldBeEmpty(query);

    [Theory]
    [MemberData(nameof(RunbookQueries))]
    public void RunbookQuery_NamesOnlyDocumentedTablesAndColumns(string query) =>
        KustoQueryCheck.Problems(query, KustoSchema.ApplicationInsights).ShouldBeEmpty(query);

    [Fact]
    public void TheQueries_AreReadFromTheirFiles()
    {
        MonitorQueries.AlertRules().Count.ShouldBe(10);
        MonitorQueries.AlertRules().ShouldAllBe(q => q.StartsWith("customMetrics | ", StringComparison.Ordinal) && !q.Contains("${", StringComparison.Ordinal));
        MonitorQueries.Workbook().Count.ShouldBeGreaterThanOrEqualTo(10);
        MonitorQueries.Documented("observability.md").Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Schema_NamesItsSource_AndHoldsTheTablesTheQueriesUse()
    {
        KustoSchema.ApplicationInsights.Source.ShouldStartWith("https://learn.microsoft.com/azure/azure-monitor/app/");
        KustoSchema.ApplicationInsights.Tables.ShouldBe(["customMetrics", "dependencies", "requests", "traces"], ignoreOrder: true);
        KustoSchema.ApplicationInsights.ColumnsOf("customMetrics").ShouldNotBeNull().ShouldContain("valueSum");
        // Workspace (Log Analytics) names are another schema: AppMetrics has ValueSum, customMetrics has not.
        KustoSchema.ApplicationInsights.ColumnsOf("customMetrics")!.ShouldNotContain("ValueSum");
    }

    [Theory]
    [InlineData("customMetric | where name == 'billing.closes'", "a table the schema does not have: 'customMetric'")]
    [InlineData("customMetrics | where name == 'billing.closes' | summarize n = sum(ValueSum)", "a column that does not exist there: 'ValueSum'")]
    [InlineData("customMetrics | summarize n = sum(valueSum) by outcome = tostring(customDimensions.outcome) | where valueSum > 0", "a column that does not exist there: 'valueSum'")]
    [InlineData("customMetrics | extend o = tostring(customDimensions.outcome) | summarize n = sumiff(valueSum, o == 'x')", "a function this check does not know: 'sumiff'")]
    [InlineData("customMetrics | summarize valueSum by name", "'valueSum' is not an aggregation")]
    [InlineData("customMetrics | join kind=inner (traces) on operation_Id", "an operator this check does not know: 'join'")]
    [InlineData("traces | union customEvents", "a table the schema does not have: 'customEvents'")]
    public void Check_ReportsWhatAzureMonitorWouldRefuse(string query, string problem) =>
        KustoQueryCheck.Problems(query, KustoSchema.ApplicationInsights).ShouldContain(problem);

    [Fact]
    public void Check_FollowsTheColumnsThePipelineMakes() =>
        KustoQueryCheck.Problems(
            "customMetrics | extend outcome = tostring(customDimensions.outcome) | summarize failed = sumif(valueSum, outcome == 'failed'), sum(valueCount) by bin(timestamp, 1h), tostring(customDimensions.source) | where failed > 0 and sum_valueCount > 2 and timestamp > ago(1d) and customDimensions_source != '' | project timestamp, failed",
            KustoSchema.ApplicationInsights).ShouldBeEmpty();
}
