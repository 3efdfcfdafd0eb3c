namespace ServerlessBilling.Rating;

/// <summary>What became of a batch: each component of each event counted in exactly one class.</summary>
/// <param name="Quarantined">Put in quarantine: <paramref name="Unattributed"/>, <paramref name="Conflicts"/>, <paramref name="Held"/> and
/// the unpriced (<see cref="Unpriced"/>).</param>
/// <param name="Unattributed">Of the quarantined, those no account holds.</param>
/// <param name="Conflicts">Of the quarantined, later deliveries of a billed call that differ from it.</param>
/// <param name="Held">Of the quarantined, calls outside a plausibility limit.</param>
/// <param name="NotCharged">Split-off components the plan does not price (the call is billed by its main component).</param>
public sealed record RatingSummary(int Rated, int Duplicates, int Quarantined, int Unattributed = 0, int Conflicts = 0, int Held = 0, int NotCharged = 0)
{
    public static readonly RatingSummary None = new(0, 0, 0);

    /// <summary>Of the quarantined, those the account's plan cannot price.</summary>
    public int Unpriced => Quarantined - Unattributed - Conflicts - Held;

    public static RatingSummary Of(EventOutcome outcome) => outcome switch
    {
        EventOutcome.Recorded => new(1, 0, 0),
        EventOutcome.Duplicate => new(0, 1, 0),
        EventOutcome.Conflict => new(0, 0, 1, Conflicts: 1),
        EventOutcome.Held => new(0, 0, 1, Held: 1),
        EventOutcome.NotCharged => new(0, 0, 0, NotCharged: 1),
        EventOutcome.Unattributed => new(0, 0, 1, Unattributed: 1),
        EventOutcome.Unpriced => new(0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public RatingSummary Plus(RatingSummary other) => new(
        Rated + other.Rated, Duplicates + other.Duplicates, Quarantined + other.Quarantined, Unattributed + other.Unattributed,
        Conflicts + other.Conflicts, Held + other.Held, NotCharged + other.NotCharged);
}
