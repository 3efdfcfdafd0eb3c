namespace ServerlessBilling.Upstream;

/// <summary>How a reconciliation judges: the cost difference worth reporting, the margin fall worth an alert, the page size.</summary>
/// <param name="CostTolerance">Differences between a vendor's charge and the expected cost up to this amount are not reported.</param>
/// <param name="DriftThresholdPoints">A month's margin percent falling this many points below the month before raises <c>margin.drift_detected</c>.</param>
/// <param name="PageSize">Statement lines per activity.</param>
/// <param name="MaxStatementBytes">The largest statement file an import accepts.</param>
public sealed record ReconciliationPolicy(decimal CostTolerance = 0.0001m, decimal DriftThresholdPoints = 5m, int PageSize = 2000, long MaxStatementBytes = 2L * 1024 * 1024 * 1024);
