using ServerlessBilling.Hosting;

namespace ServerlessBilling.Payments;

/// <summary>The late fee of <see cref="DunningSettings"/>, section <c>Dunning:LateFee</c>.</summary>
public sealed class LateFeeSettings
{
    public LateFeeBasis? Basis { get; set; }

    public decimal? Value { get; set; }

    public string? Grace { get; set; }

    public LateFeeRecurrence? Recurrence { get; set; }

    public decimal? Cap { get; set; }

    public LateFeePlacement? Placement { get; set; }

    /// <summary>The fee, or null when no value is set.</summary>
    public LateFeePolicy? ToPolicy() => Value is { } value
        ? new LateFeePolicy(
            Basis ?? LateFeeBasis.Flat,
            value,
            SettingText.Duration(Grace, "Dunning:LateFee:Grace") ?? NodaTime.Duration.Zero,
            Recurrence ?? LateFeeRecurrence.Once,
            Cap,
            Placement ?? LateFeePlacement.NextInvoice)
        : null;
}
