using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Rating;

/// <summary>One version of a plan's prices.</summary>
/// <param name="EffectiveFrom">First local date this version applies to; an event is rated by the version in force at its start.</param>
/// <param name="PlatformFee">Monthly recurring platform fee.</param>
/// <param name="NumberFee">Monthly fee per phone number held in the period, for number types <see cref="NumberFees"/> does not price.</param>
/// <param name="UsageRates">The rate deck: per-minute prices by component, direction, number type, destination prefix and time band.</param>
/// <param name="PerCall">Precision and rounding of one call's amount.</param>
/// <param name="LineRounding">How an invoice line's sum is brought to the currency's minor unit.</param>
public sealed record PlanVersion(
    LocalDate EffectiveFrom,
    decimal PlatformFee,
    decimal NumberFee,
    IReadOnlyList<UsageRate> UsageRates,
    PerCallRounding PerCall,
    RoundingMode LineRounding = RoundingMode.HalfUp)
{
    /// <summary>Monthly fee per number by type (a toll-free number usually costs more than a local one).</summary>
    public IReadOnlyDictionary<NumberType, decimal>? NumberFees { get; init; }

    /// <summary>Named local-time windows (peak, off-peak, weekend) that rates can be keyed by.</summary>
    public IReadOnlyList<TimeBand>? TimeBands { get; init; }

    /// <summary>Whether a call that crosses a band boundary is priced wholly by its start band or split at the boundary.</summary>
    public BandCrossing BandCrossing { get; init; } = BandCrossing.StartBand;

    /// <summary>Included minutes, drawn down at close in call-start order.</summary>
    public IReadOnlyList<Bundle>? Bundles { get; init; }

    /// <summary>Volume pricing per component, applied at close to the period's minutes (after bundles).</summary>
    public IReadOnlyList<TierSchedule>? Tiers { get; init; }

    /// <summary>Recurring add-ons (quantity × price per month), such as extra agents or call recording.</summary>
    public IReadOnlyList<AddOn>? AddOns { get; init; }

    /// <summary>Fees billed once, on the invoice of the period the account's service starts in (setup, porting).</summary>
    public IReadOnlyList<OneTimeFee>? OneTimeFees { get; init; }

    /// <summary>A minimum monthly spend; a shortfall is billed as a true-up line.</summary>
    public decimal MinimumSpend { get; init; }

    public decimal NumberFeeFor(NumberType type) =>
        NumberFees is not null && NumberFees.TryGetValue(type, out var fee) ? fee : NumberFee;
}
