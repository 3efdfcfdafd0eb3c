namespace ServerlessBilling.Usage;

/// <summary>How much of one source's input went where, over some span (a message, a day, a range of days).</summary>
/// <remarks>
/// A webhook route's day is conserved at two levels, both zero once rating has caught up (<see cref="UnaccountedDeliveries"/>,
/// <see cref="UnaccountedComponents"/>): every delivery is accepted, ignored or rejected; and every component of every accepted
/// event is billed, a duplicate, a conflict, held for a limit, unattributed, unpriced or not charged. Rating counts its outcomes
/// on the day the delivery was received, so a delivery rated after midnight still balances its own day.
/// </remarks>
/// <param name="Received">Webhook deliveries that reached the route, or CDR lines read.</param>
/// <param name="Accepted">Deliveries or lines that carried usage and were handed to rating.</param>
/// <param name="Ignored">Verified deliveries with nothing billable (progress callbacks, transcripts).</param>
/// <param name="Rejected">Deliveries refused: forged, stale, malformed or too large.</param>
/// <param name="Queued">Events handed to rating (a batch delivery or a CDR line may carry several).</param>
/// <param name="Quarantined">Records put in quarantine: bad CDR lines and files, and events rating could not attribute or price.</param>
/// <param name="Rated">Events billed (by rating or by a quarantine replay); a call with several components counts one per component.</param>
/// <param name="Duplicates">Events rating found already billed (vendor retries, the same call in two feeds).</param>
/// <param name="Components">The components of the <paramref name="Queued"/> events: what rating counts one outcome for each.</param>
/// <param name="Conflicting">Of the quarantined, later deliveries of a billed call that differ from it.</param>
/// <param name="Held">Of the quarantined, calls outside a plausibility limit.</param>
/// <param name="Unattributed">Of the quarantined, calls no account holds.</param>
/// <param name="Unpriced">Of the quarantined, calls the account's plan cannot price.</param>
/// <param name="NotCharged">Split-off components the plan does not price (the call is billed by its main component).</param>
/// <param name="Released">Of the <paramref name="Rated"/>, those a replay or a person's acceptance billed out of quarantine (they were
/// counted in their quarantine class when they arrived).</param>
public sealed record IngestCounts(
    long Received = 0,
    long Accepted = 0,
    long Ignored = 0,
    long Rejected = 0,
    long Queued = 0,
    long Quarantined = 0,
    long Rated = 0,
    long Duplicates = 0,
    long Components = 0,
    long Conflicting = 0,
    long Held = 0,
    long Unattributed = 0,
    long Unpriced = 0,
    long NotCharged = 0,
    long Released = 0)
{
    public static readonly IngestCounts None = new();

    public bool IsNone => this == None;

    /// <summary>Deliveries neither accepted, ignored nor rejected: zero on a webhook route.</summary>
    public long UnaccountedDeliveries => Received - Accepted - Ignored - Rejected;

    /// <summary>Components handed to rating and not yet in one of its classes: zero on a webhook route once its messages are rated.</summary>
    public long UnaccountedComponents =>
        Components - (Rated - Released) - Duplicates - Conflicting - Held - Unattributed - Unpriced - NotCharged;

    public IngestCounts Plus(IngestCounts other) => new(
        Received + other.Received,
        Accepted + other.Accepted,
        Ignored + other.Ignored,
        Rejected + other.Rejected,
        Queued + other.Queued,
        Quarantined + other.Quarantined,
        Rated + other.Rated,
        Duplicates + other.Duplicates,
        Components + other.Components,
        Conflicting + other.Conflicting,
        Held + other.Held,
        Unattributed + other.Unattributed,
        Unpriced + other.Unpriced,
        NotCharged + other.NotCharged,
        Released + other.Released);

    /// <summary>This minus <paramref name="earlier"/>: what a span added (for a test or a report comparing two readings).</summary>
    public IngestCounts Minus(IngestCounts earlier) => new(
        Received - earlier.Received,
        Accepted - earlier.Accepted,
        Ignored - earlier.Ignored,
        Rejected - earlier.Rejected,
        Queued - earlier.Queued,
        Quarantined - earlier.Quarantined,
        Rated - earlier.Rated,
        Duplicates - earlier.Duplicates,
        Components - earlier.Components,
        Conflicting - earlier.Conflicting,
        Held - earlier.Held,
        Unattributed - earlier.Unattributed,
        Unpriced - earlier.Unpriced,
        NotCharged - earlier.NotCharged,
        Released - earlier.Released);
}
