namespace ServerlessBilling.Usage;

/// <summary>How much of one source's input went where, over some span (a message, a day, a range of days).</summary>
/// <param name="Received">Webhook deliveries that reached the route, or CDR lines read.</param>
/// <param name="Accepted">Deliveries or lines that carried usage and were handed to rating.</param>
/// <param name="Ignored">Verified deliveries with nothing billable (progress callbacks, transcripts).</param>
/// <param name="Rejected">Deliveries refused: forged, stale, malformed or too large.</param>
/// <param name="Queued">Events handed to rating (a batch delivery or a CDR line may carry several).</param>
/// <param name="Quarantined">Records put in quarantine: bad CDR lines and files, and events rating could not attribute or price.</param>
/// <param name="Rated">Events billed (by rating or by a quarantine replay); a call with several components counts one per component.</param>
/// <param name="Duplicates">Events rating found already billed (vendor retries, the same call in two feeds).</param>
public sealed record IngestCounts(
    long Received = 0,
    long Accepted = 0,
    long Ignored = 0,
    long Rejected = 0,
    long Queued = 0,
    long Quarantined = 0,
    long Rated = 0,
    long Duplicates = 0)
{
    public static readonly IngestCounts None = new();

    public bool IsNone => this == None;

    public IngestCounts Plus(IngestCounts other) => new(
        Received + other.Received,
        Accepted + other.Accepted,
        Ignored + other.Ignored,
        Rejected + other.Rejected,
        Queued + other.Queued,
        Quarantined + other.Quarantined,
        Rated + other.Rated,
        Duplicates + other.Duplicates);
}
