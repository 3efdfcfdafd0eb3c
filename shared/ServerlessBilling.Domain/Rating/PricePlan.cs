using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A reseller's price plan: a list of versions, each in force from its <see cref="PlanVersion.EffectiveFrom"/> date.</summary>
public sealed record PricePlan(string Id, string Name, string Currency, IReadOnlyList<PlanVersion> Versions)
{
    /// <summary>The version in force on <paramref name="date"/> (in the account's zone), or null before the first one.</summary>
    public PlanVersion? VersionOn(LocalDate date) =>
        Versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);
}

/// <summary>One version of a plan's prices.</summary>
/// <param name="EffectiveFrom">First local date this version applies to; an event is rated by the version in force at its start.</param>
/// <param name="PlatformFee">Monthly recurring platform fee.</param>
/// <param name="NumberFee">Monthly fee per phone number held in the period.</param>
/// <param name="UsageRates">Per-minute prices by component and direction.</param>
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
    public UsageRate? FindRate(UsageComponent component, CallDirection direction) =>
        UsageRates.FirstOrDefault(r => r.Component == component && r.Direction == direction);
}

/// <summary>A per-minute price for one component and direction.</summary>
/// <param name="PerMinute">Price per billable minute (unrounded; sub-cent prices are common).</param>
/// <param name="Increment">Rounding of call time, first/next seconds.</param>
/// <param name="ConnectFee">Added once to every connected call.</param>
/// <param name="AttemptCharge">Charged for a call that never connected (usually zero).</param>
public sealed record UsageRate(
    UsageComponent Component,
    CallDirection Direction,
    decimal PerMinute,
    BillingIncrement Increment,
    decimal ConnectFee = 0m,
    decimal AttemptCharge = 0m);

/// <summary>How many decimal places one call's amount keeps, and how it gets there.</summary>
public sealed record PerCallRounding(int Decimals = 6, RoundingMode Mode = RoundingMode.HalfUp);
