using ServerlessBilling.Usage;

namespace ServerlessBilling.Payments;

/// <summary>A signed Stripe event whose object lacks what its type promises.</summary>
public sealed class StripeEventException(RecordProblem problem) : Exception(problem.ToString())
{
    public RecordProblem Problem { get; } = problem;
}
