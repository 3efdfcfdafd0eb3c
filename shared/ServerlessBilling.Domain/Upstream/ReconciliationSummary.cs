namespace ServerlessBilling.Upstream;

/// <summary>A vendor's month reconciled: what the vendor charged, what the cost plans expected, what customers were billed, the margin
/// and how it moved since the month before, and the findings by reason.</summary>
/// <param name="Status"><c>running</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="GrossMargin">Billed minus the vendor's total (leakage included: the reseller pays for it).</param>
/// <param name="MarginPercent">Gross margin as a percentage of billed; null when nothing was billed.</param>
/// <param name="DriftPoints">Margin percent minus the previous month's, in percentage points; null without a previous month.</param>
/// <param name="DriftDetected">The margin fell by at least the drift threshold.</param>
public sealed record ReconciliationSummary(
    string Vendor,
    string Month,
    string RunId,
    string Format,
    string Status,
    string? Currency,
    long Rows,
    decimal VendorTotal,
    decimal ExpectedTotal,
    decimal BilledTotal,
    decimal GrossMargin,
    decimal? MarginPercent,
    decimal? PreviousMarginPercent,
    decimal? DriftPoints,
    bool DriftDetected,
    FindingTotal Leakage,
    FindingTotal BilledNotCharged,
    FindingTotal CostDifferences,
    IReadOnlyDictionary<string, FindingTotal> ByReason)
{
    /// <summary>The numbers held in the month at the vendor's cost plan's monthly number fees: an expected cost beside the calls' (not
    /// in <see cref="ExpectedTotal"/> or the margin, which are the statement's calls'); null when not reckoned.</summary>
    public NumberRental? NumberRental { get; init; }

    /// <summary>The vendor account the run was filtered to (<see cref="StatementRun.VendorAccount"/>), so a month reconciled one
    /// vendor account at a time says whose calls its totals are; null when the run took every account's.</summary>
    public string? VendorAccount { get; init; }

    public static ReconciliationSummary Running(StatementRun run) => new(
        run.Vendor, run.Month, run.RunId, run.Format, "running", null, 0, 0m, 0m, 0m, 0m, null, null, null, false,
        new FindingTotal(0, 0m), new FindingTotal(0, 0m), new FindingTotal(0, 0m), new Dictionary<string, FindingTotal>())
    {
        VendorAccount = run.VendorAccount,
    };

    /// <summary>The summary of a finished run, its drift measured against <paramref name="previous"/> (the month before, if reconciled).</summary>
    public static ReconciliationSummary Completed(StatementRun run, string? currency, StatementTotals totals, ReconciliationSummary? previous, decimal driftThresholdPoints)
    {
        var margin = totals.BilledTotal - totals.VendorTotal;
        decimal? percent = totals.BilledTotal == 0m ? null : Math.Round(margin / totals.BilledTotal * 100m, 2, MidpointRounding.AwayFromZero);
        var drift = percent is { } now && previous?.MarginPercent is { } before ? now - before : (decimal?)null;
        return new ReconciliationSummary(
            run.Vendor, run.Month, run.RunId, run.Format, "completed", currency, totals.Rows,
            totals.VendorTotal, totals.ExpectedTotal, totals.BilledTotal, margin, percent, previous?.MarginPercent, drift,
            drift is { } d && d <= -driftThresholdPoints,
            totals.Of(FindingReason.Unattributed, FindingReason.Quarantined, FindingReason.Conflicting, FindingReason.Missing),
            totals.Of(FindingReason.NotCharged, FindingReason.NotOnStatement),
            totals.Of(FindingReason.Increment, FindingReason.RateRow, FindingReason.MissingRow),
            totals.ByReason)
        {
            VendorAccount = run.VendorAccount,
        };
    }
}
