namespace ServerlessBilling.Rating;

/// <summary>What became of a batch.</summary>
/// <param name="Unattributed">Of the quarantined, those no account holds (the rest could not be priced).</param>
public sealed record RatingSummary(int Rated, int Duplicates, int Quarantined, int Unattributed = 0)
{
    public RatingSummary Plus(RatingSummary other) =>
        new(Rated + other.Rated, Duplicates + other.Duplicates, Quarantined + other.Quarantined, Unattributed + other.Unattributed);
}
