using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>What became of a resolved hold.</summary>
/// <param name="Outcome">For <see cref="HoldAction.Accept"/> and <see cref="HoldAction.Replace"/>, what rating made of the call; null for a discard.</param>
/// <param name="StillHeld">Why the record is still in quarantine (an accepted call no account holds, say); null once it left.</param>
public sealed record ResolvedHold(string Source, string Reference, HoldAction Action, EventOutcome? Outcome, RecordProblem? StillHeld = null)
{
    /// <summary>For a replacement of a call whose period's invoice is final: the difference and the adjustment or credit note carrying it.</summary>
    public ClosedPeriodSettlement? Settlement { get; init; }

    /// <summary>Other conflicts of the same call the decision made moot, now closed with their reason.</summary>
    public IReadOnlyList<ClosedHold> Closed { get; init; } = [];
}
