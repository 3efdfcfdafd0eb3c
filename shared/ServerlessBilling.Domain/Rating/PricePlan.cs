using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Rating;

/// <summary>A reseller's price plan: a list of versions, each in force from its <see cref="PlanVersion.EffectiveFrom"/> date.</summary>
public sealed record PricePlan(string Id, string Name, string Currency, IReadOnlyList<PlanVersion> Versions)
{
    /// <summary>The version in force on <paramref name="date"/> (in the account's zone), or null before the first one.</summary>
    public PlanVersion? VersionOn(LocalDate date)
    {
        PlanVersion? found = null;
        foreach (var version in Versions)
        {
            if (version.EffectiveFrom <= date && (found is null || version.EffectiveFrom > found.EffectiveFrom))
            {
                found = version;
            }
        }

        return found;
    }
}

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

/// <summary>How many decimal places one call's amount keeps, and how it gets there.</summary>
/// <remarks>
/// Engines that round per increment (CGRateS among them) round each increment's cost half-up and apply the plan's own
/// method to the call total only: <c>IncrementDecimals</c> with <c>IncrementRounding = HalfUp</c>. Without
/// <see cref="IncrementRounding"/> each increment is rounded with <see cref="Mode"/>, so an "Up" plan rounds every increment up.
/// </remarks>
/// <param name="Decimals">Places the call's total keeps.</param>
/// <param name="Mode">How the call's total is rounded to <paramref name="Decimals"/>.</param>
/// <param name="IncrementDecimals">When set, each increment's price is rounded to this many places before summing.</param>
/// <param name="IncrementRounding">How each increment's price is rounded to <paramref name="IncrementDecimals"/>; null for <paramref name="Mode"/>.</param>
public sealed record PerCallRounding(int Decimals = 6, RoundingMode Mode = RoundingMode.HalfUp, int? IncrementDecimals = null, RoundingMode? IncrementRounding = null);

/// <summary>A fee billed once when service starts.</summary>
public sealed record OneTimeFee(string Code, string Description, decimal Amount);

/// <summary>A recurring add-on: <see cref="Quantity"/> × <see cref="MonthlyPrice"/> each period.</summary>
public sealed record AddOn(string Code, string Description, decimal Quantity, decimal MonthlyPrice);

public enum BandCrossing
{
    /// <summary>The whole call is priced by the band it started in.</summary>
    StartBand,

    /// <summary>Each part of the call is priced by the band it fell in.</summary>
    Split,
}
