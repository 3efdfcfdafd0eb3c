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
