using System.Text.Json.Serialization;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>A month's reconciliation as JSON: its summary and its first findings (<c>?format=csv</c> or <c>xlsx</c> for all of them).</summary>
/// <param name="Failure">Why the reconciliation's orchestration failed, when it did; absent otherwise.</param>
public sealed record ReconciliationReport(
    ReconciliationSummary Summary,
    IReadOnlyList<ReconciliationFinding> Findings,
    bool FindingsTruncated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failure = null);
