using ServerlessBilling.Cycles;

namespace ServerlessBilling.Rating;

/// <summary>Where a rated event is recorded: its own period, or, when that period's close has started, the next open one.</summary>
/// <param name="Period">The period whose invoice bills the event.</param>
/// <param name="PriorPeriodKey">The event's own period when it arrived after that period's close started (billed as prior-period usage); null otherwise.</param>
/// <param name="AlreadyRecorded">The event was already recorded in a closed period (a redelivery): it must not be billed again.</param>
public sealed record UsagePlacement(BillingPeriod Period, string? PriorPeriodKey, bool AlreadyRecorded)
{
    public bool IsLate => PriorPeriodKey is not null;
}
