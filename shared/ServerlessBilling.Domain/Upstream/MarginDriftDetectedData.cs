namespace ServerlessBilling.Upstream;

/// <summary>Payload of <c>margin.drift_detected</c>: a vendor's month margin fell by at least the drift threshold since the month before.</summary>
/// <param name="DriftPoints">Margin percent now minus the month before's, in percentage points (negative).</param>
public sealed record MarginDriftDetectedData(string Vendor, string Month, decimal MarginPercent, decimal PreviousMarginPercent, decimal DriftPoints, decimal ThresholdPoints)
{
    public const string Type = "margin.drift_detected";
}
