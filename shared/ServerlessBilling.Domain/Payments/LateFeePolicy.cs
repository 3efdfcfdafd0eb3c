using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>A fee for paying late, billed on the next invoice or on an invoice of its own; the issued invoice is never edited.</summary>
/// <param name="Value">The flat amount, or the percentage (1.5 = 1.5 %) of the balance due when the fee is assessed.</param>
/// <param name="Grace">Time after the due moment before the first fee.</param>
/// <param name="Cap">The most all late fees of one invoice may add up to; null for no cap.</param>
/// <param name="Placement">Where the fee is billed.</param>
public sealed record LateFeePolicy(
    LateFeeBasis Basis,
    decimal Value,
    [property: JsonConverter(typeof(TimeSpanTextDurationConverter))] Duration Grace,
    LateFeeRecurrence Recurrence = LateFeeRecurrence.Once,
    decimal? Cap = null,
    LateFeePlacement Placement = LateFeePlacement.NextInvoice)
{
    public IReadOnlyList<string> Validate() =>
    [
        .. Value <= 0m ? ["lateFee.value: must be positive."] : Array.Empty<string>(),
        .. Grace < Duration.Zero ? ["lateFee.grace: must not be negative."] : Array.Empty<string>(),
        .. Cap is <= 0m ? ["lateFee.cap: must be positive when set."] : Array.Empty<string>(),
        .. !Enum.IsDefined(Placement) ? ["lateFee.placement: must be NextInvoice or OwnInvoice."] : Array.Empty<string>(),
    ];
}
