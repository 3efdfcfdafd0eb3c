using System.Globalization;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>What a call must look like to be billed without a person seeing it first; a call outside a limit is held in
/// quarantine naming the limit (<see cref="QuarantineKind.Limit"/>), never billed silently and never dropped.</summary>
/// <param name="MaxCallMinutes">Longest connected time of one call component.</param>
/// <param name="ClockSkewMinutes">How far in the future a start may be (the sender's clock running ahead of ours).</param>
/// <param name="BackdatingDays">How far in the past a start may be.</param>
/// <param name="MaxChargePerCall">Highest price of one call component, in the plan's currency, checked after rating.</param>
/// <remarks>Each check's problem names the limit by these parameter names in camel case (<c>maxCallMinutes</c>), which are also
/// the names of its settings and of an account's override, so the person who sees the hold finds what to change.</remarks>
public sealed record PlausibilityLimits(int MaxCallMinutes, int ClockSkewMinutes, int BackdatingDays, decimal MaxChargePerCall)
{
    /// <summary>Four hours a call (Twilio's and Telnyx's default call time limit), five minutes of clock skew, 90 days back, 100.00 a call.</summary>
    public static readonly PlausibilityLimits Default = new(240, 5, 90, 100m);

    /// <summary>These limits with the values <paramref name="overrides"/> sets in place of them.</summary>
    public PlausibilityLimits With(LimitOverrides? overrides) => overrides is null ? this : new(
        overrides.MaxCallMinutes ?? MaxCallMinutes,
        overrides.ClockSkewMinutes ?? ClockSkewMinutes,
        overrides.BackdatingDays ?? BackdatingDays,
        overrides.MaxChargePerCall ?? MaxChargePerCall);

    /// <returns>The first limit the call breaks, or null when it is plausible.</returns>
    public RecordProblem? CheckCall(UsageEvent usage, Instant now)
    {
        if (usage.DurationSeconds > MaxCallMinutes * 60L)
        {
            return Broken("maxCallMinutes", $"{usage.DurationSeconds} s is longer than the {MaxCallMinutes} minutes a call may last");
        }

        if (usage.StartedAt > now + Duration.FromMinutes(ClockSkewMinutes))
        {
            return Broken("clockSkewMinutes", $"the start {usage.StartedAt} is more than {ClockSkewMinutes} minutes after now ({now})");
        }

        return usage.StartedAt < now - Duration.FromDays(BackdatingDays)
            ? Broken("backdatingDays", $"the start {usage.StartedAt} is more than {BackdatingDays} days before now ({now})")
            : null;
    }

    /// <returns>The limit the price breaks, or null when it is plausible.</returns>
    public RecordProblem? CheckCharge(Charge charge) =>
        charge.Amount.Amount > MaxChargePerCall
            ? Broken("maxChargePerCall", string.Create(CultureInfo.InvariantCulture, $"{charge.Amount} is more than the {MaxChargePerCall} a call may cost"))
            : null;

    private static RecordProblem Broken(string limit, string reason) => new(limit, reason);
}
