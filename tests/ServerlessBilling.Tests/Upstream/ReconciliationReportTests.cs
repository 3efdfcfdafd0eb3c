using ServerlessBilling.Upstream;

namespace ServerlessBilling.Tests.Upstream;

public sealed class ReconciliationReportTests
{
    private static readonly StatementRun Run = new("twilio", "2026-11", "twilio-calls", "r1");

    [Fact]
    public async Task AFailedOrchestrationTurnsARunningSummaryIntoAFailedReportWithoutFindings()
    {
        var report = await ReconciliationReport.CreateAsync(
            ReconciliationSummary.Running(Run), Findings(3), findingsLimit: 10, failure: "page 4: blob missing", CancellationToken.None);

        Assert.Equal("failed", report.Summary.Status);
        Assert.Equal("page 4: blob missing", report.Failure);
        Assert.Empty(report.Findings);
        Assert.False(report.FindingsTruncated);
    }

    [Fact]
    public async Task ACompletedSummaryKeepsItsStatusWhateverTheHostSays()
    {
        var completed = ReconciliationSummary.Running(Run) with { Status = "completed" };

        var report = await ReconciliationReport.CreateAsync(completed, Findings(2), findingsLimit: 10, failure: "stale", CancellationToken.None);

        Assert.Equal("completed", report.Summary.Status);
        Assert.Null(report.Failure);
        Assert.Equal(["c0", "c1"], report.Findings.Select(f => f.VendorCallId));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, true)]
    public async Task FindingsStopAtTheLimitAndSayWhetherMoreExist(int available, int shown, bool truncated)
    {
        var report = await ReconciliationReport.CreateAsync(
            ReconciliationSummary.Running(Run), Findings(available), findingsLimit: 2, failure: null, CancellationToken.None);

        Assert.Equal(shown, report.Findings.Count);
        Assert.Equal(truncated, report.FindingsTruncated);
    }

    [Fact]
    public async Task ARunFilteredToAVendorAccount_EchoesItInTheJsonAndTheCsvsFirstLine_AndARunOfEveryAccountWritesNull()
    {
        var filtered = Run with { VendorAccount = "AC0123abcd" };
        var totals = new StatementTotals(1, 0.0085m, 0.0085m, 0.02m, new Dictionary<string, FindingTotal>());
        var summary = ReconciliationSummary.Completed(filtered, "USD", totals, previous: null, driftThresholdPoints: 5m);
        using var csv = new StringWriter();

        await ReconciliationCsv.WriteAsync(summary, Findings(0), csv, CancellationToken.None);

        Assert.Equal("AC0123abcd", ReconciliationSummary.Running(filtered).VendorAccount);
        Assert.Equal("AC0123abcd", System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(summary, BillingJson.Options))
            .RootElement.GetProperty("vendorAccount").GetString());
        Assert.StartsWith("# twilio 2026-11 vendor account AC0123abcd (completed): rows 1,", csv.ToString(), StringComparison.Ordinal);
        Assert.Null(ReconciliationSummary.Completed(Run, "USD", totals, previous: null, driftThresholdPoints: 5m).VendorAccount);
    }

    private static async IAsyncEnumerable<ReconciliationFinding> Findings(int count)
    {
        await Task.CompletedTask;
        for (var i = 0; i < count; i++)
        {
            yield return Finding($"c{i}");
        }
    }

    private static ReconciliationFinding Finding(string call) =>
        new(call, FindingKind.Leakage, FindingReason.Unattributed, 0.02m, 0.02m, null, null, null, "no number matched");
}
