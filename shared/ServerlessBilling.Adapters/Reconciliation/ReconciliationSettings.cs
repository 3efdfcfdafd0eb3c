using ServerlessBilling.Hosting;

namespace ServerlessBilling.Upstream;

/// <summary>Section <c>Reconciliation</c>: how vendor statements are judged and read, and how long cost plans are cached; maps to
/// <see cref="ReconciliationPolicy"/>.</summary>
public sealed class ReconciliationSettings : ISettingsSection
{
    public static string Section => "Reconciliation";

    /// <summary>Largest difference between a vendor's charge and the expected cost that is not reported (default 0.0001).</summary>
    public decimal? CostTolerance { get; set; }

    /// <summary>Percentage points a vendor month's margin may fall below the month before before <c>margin.drift_detected</c> (default 5).</summary>
    public decimal? DriftThresholdPoints { get; set; }

    /// <summary>Statement lines read and matched per activity (default 2000).</summary>
    public int? PageSize { get; set; }

    /// <summary>Seconds a vendor's cost plans are cached by rating before they are read again (default 30).</summary>
    public int? CostPlanCacheSeconds { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. CostTolerance is < 0 ? ["Reconciliation:CostTolerance: must not be negative."] : Array.Empty<string>(),
        .. DriftThresholdPoints is <= 0 ? ["Reconciliation:DriftThresholdPoints: must be more than 0."] : Array.Empty<string>(),
        .. PageSize is < 1 or > 10_000 ? ["Reconciliation:PageSize: must be 1 to 10000."] : Array.Empty<string>(),
        .. CostPlanCacheSeconds is < 0 ? ["Reconciliation:CostPlanCacheSeconds: must not be negative."] : Array.Empty<string>(),
    ];

    public ReconciliationPolicy ToPolicy()
    {
        var defaults = new ReconciliationPolicy();
        return defaults with
        {
            CostTolerance = CostTolerance ?? defaults.CostTolerance,
            DriftThresholdPoints = DriftThresholdPoints ?? defaults.DriftThresholdPoints,
            PageSize = PageSize ?? defaults.PageSize,
        };
    }
}
