using System.Text.Json.Serialization;

namespace ServerlessBilling.Upstream;

/// <summary>A month's reconciliation as JSON: its summary and its first findings (the CSV and XLSX exports carry all of them).</summary>
/// <param name="Failure">Why the reconciliation's orchestration failed, when it did; absent otherwise.</param>
public sealed record ReconciliationReport(
    ReconciliationSummary Summary,
    IReadOnlyList<ReconciliationFinding> Findings,
    bool FindingsTruncated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failure = null)
{
    /// <summary>The report of a run: failed (no findings) when its orchestration failed while the summary still says running,
    /// else the summary with its first <paramref name="findingsLimit"/> findings and whether more exist.</summary>
    /// <param name="failure">The orchestration's failure message, or null when it has not failed.</param>
    public static async Task<ReconciliationReport> CreateAsync(
        ReconciliationSummary summary, IAsyncEnumerable<ReconciliationFinding> findings, int findingsLimit, string? failure, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(findingsLimit);
        if (failure is not null && summary.Status == "running")
        {
            return new ReconciliationReport(summary with { Status = "failed" }, [], false, failure);
        }

        var first = new List<ReconciliationFinding>();
        await foreach (var finding in findings.WithCancellation(cancellationToken))
        {
            if (first.Count == findingsLimit)
            {
                return new ReconciliationReport(summary, first, true);
            }

            first.Add(finding);
        }

        return new ReconciliationReport(summary, first, false);
    }
}
