using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>The activities of <see cref="ReconcileStatementOrchestration"/>, each one call into <see cref="StatementReconciliation"/>.</summary>
public sealed partial class ReconciliationActivities(StatementReconciliation reconciliation, NumberRentals rentals, ILogger<ReconciliationActivities> logger)
{
    public const string ReconcilePage = "ReconcileStatementPage";
    public const string ScanLedger = "ScanLedgerForUnlistedCalls";
    public const string CompleteReconciliation = nameof(CompleteReconciliation);

    [Function(ReconcilePage)]
    public Task<StatementPage> Page([ActivityTrigger] StatementProgress progress, CancellationToken cancellationToken) =>
        reconciliation.ReconcilePageAsync(progress.Run, progress.Cursor, progress.Currency, cancellationToken);

    [Function(ScanLedger)]
    public Task<LedgerScanPage> Scan([ActivityTrigger] StatementProgress progress, CancellationToken cancellationToken) =>
        reconciliation.ScanLedgerAsync(progress.Run, progress.LedgerToken, cancellationToken);

    [Function(CompleteReconciliation)]
    public async Task<bool> Complete([ActivityTrigger] StatementProgress progress, CancellationToken cancellationToken)
    {
        var rental = await rentals.ForAsync(progress.Run, cancellationToken);
        var summary = await reconciliation.CompleteAsync(progress.Run, progress.Currency, progress.Totals, rental, cancellationToken);
        LogCompleted(logger, summary.Vendor, summary.Month, summary.Rows, summary.VendorTotal, summary.BilledTotal, summary.Leakage.Count, summary.Leakage.Amount, summary.CostDifferences.Count);
        if (summary.DriftDetected)
        {
            LogDrift(logger, summary.Vendor, summary.Month, summary.MarginPercent, summary.PreviousMarginPercent, summary.DriftPoints);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Vendor} {Month}: {Rows} rows, vendor {VendorTotal}, billed {BilledTotal}, leakage {LeakageCount} calls {LeakageAmount}, {CostDifferences} cost differences")]
    private static partial void LogCompleted(ILogger logger, string vendor, string month, long rows, decimal vendorTotal, decimal billedTotal, long leakageCount, decimal leakageAmount, long costDifferences);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Margin of {Vendor} {Month} drifted: {MarginPercent}% against {PreviousMarginPercent}% the month before ({DriftPoints} points)")]
    private static partial void LogDrift(ILogger logger, string vendor, string month, decimal? marginPercent, decimal? previousMarginPercent, decimal? driftPoints);
}
