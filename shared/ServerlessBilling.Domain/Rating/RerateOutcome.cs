using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>What a re-rating did: calls looked at, charges changed and by how much in total, calls the plan cannot price;
/// or why it did nothing (<see cref="Refusal"/>, with <see cref="PeriodClosed"/> when the period is frozen).</summary>
public sealed record RerateOutcome(int Calls, int Changed, decimal Difference, IReadOnlyList<RecordProblem> Unpriced)
{
    public RecordProblem? Refusal { get; init; }

    public bool PeriodClosed { get; init; }

    /// <summary>For a period whose invoice is final: how the difference was settled (the ledger is left as billed).</summary>
    public ClosedPeriodSettlement? Settlement { get; init; }

    public static RerateOutcome Refused(RecordProblem problem, bool periodClosed = false) =>
        new(0, 0, 0m, []) { Refusal = problem, PeriodClosed = periodClosed };
}
