using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>One version of a dropped file as operations read it: what intake did with its lines and what rating made of the events.</summary>
/// <param name="LinesRead">Lines handled so far (every line up to this number is queued or quarantined).</param>
/// <param name="Accepted">Events billed into the usage ledger.</param>
/// <param name="Duplicates">Events already billed (the same line twice, an earlier drop, the same call through a webhook).</param>
/// <param name="Quarantined">Lines intake could not read (or 1 for a file it could not read at all).</param>
/// <param name="Unattributed">Events no account holds: they wait in rating's quarantine until a number or agent is assigned.</param>
/// <param name="Unpriced">Events the account's plan cannot price: they wait in rating's quarantine too.</param>
/// <param name="Pending">Events queued that rating has not reported yet.</param>
/// <param name="Conflicting">Events already billed with other billing facts: held in quarantine beside the billed version.</param>
/// <param name="Held">Events outside a plausibility limit: held in quarantine until a person accepts them.</param>
/// <param name="Blank">Lines that carry no call: empty lines and a header row.</param>
/// <param name="NotCharged">Split-off components the plan does not charge (none from the CDR formats read today, which report one component a line).</param>
/// <remarks>Once rating has reported every event (<see cref="Pending"/> is 0), each line read is in exactly one class:
/// <c>LinesRead = Accepted + Duplicates + Conflicting + Held + Quarantined + Unattributed + Unpriced + NotCharged + Blank</c>.</remarks>
public sealed record CdrFileStatus(
    string File,
    string ETag,
    string Format,
    string TimeZone,
    Instant StartedAt,
    Instant? FinishedAt,
    long LinesRead,
    long Queued,
    long Accepted,
    long Duplicates,
    long Quarantined,
    long Unattributed,
    long Unpriced,
    long Pending,
    string? Problem,
    long Conflicting = 0,
    long Held = 0,
    long Blank = 0,
    long NotCharged = 0)
{
    public static CdrFileStatus Of(CdrFileManifest manifest, CdrRatingCounts rating) => new(
        manifest.File, manifest.ETag, manifest.Format, manifest.TimeZone, manifest.StartedAt, manifest.FinishedAt,
        manifest.LinesRead, manifest.Queued, rating.Rated, rating.Duplicates, manifest.Quarantined, rating.Unattributed, rating.Unpriced,
        Math.Max(0, manifest.Queued - rating.Total), manifest.Problem, rating.Conflicts, rating.Held, manifest.Blank, rating.NotCharged);
}
