using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A person's decision about one held record of a source, as the quarantine API receives it.</summary>
/// <param name="Reference">The record's reference, as the quarantine list shows it.</param>
public sealed record HoldDecision(string Reference, HoldAction Action)
{
    public IReadOnlyList<RecordProblem> Problems() =>
        string.IsNullOrEmpty(Reference) ? [new RecordProblem("reference", "is required")] : [];
}
