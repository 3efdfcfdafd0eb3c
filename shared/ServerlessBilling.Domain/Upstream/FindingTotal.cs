namespace ServerlessBilling.Upstream;

/// <summary>How many findings of one reason, and their amounts' sum.</summary>
public sealed record FindingTotal(long Count, decimal Amount)
{
    public FindingTotal Plus(FindingTotal other) => new(Count + other.Count, Amount + other.Amount);
}
