namespace ServerlessBilling.Rating;

/// <summary>A conflict a decision about another version of the same call made moot, closed with why.</summary>
/// <param name="Reference">The closed conflict's reference.</param>
/// <param name="Reason">Why it is moot.</param>
public sealed record ClosedHold(string Reference, string Reason);
