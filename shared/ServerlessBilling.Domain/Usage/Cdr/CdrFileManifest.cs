using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>What became of one version of a dropped file; while <see cref="FinishedAt"/> is null it is the checkpoint a resumed read starts after.</summary>
/// <param name="LinesRead">Every line up to this number is queued for rating or in quarantine.</param>
/// <param name="Queued">Events handed to rating (unanswered calls included, with zero seconds).</param>
/// <param name="Quarantined">Lines (or, for a bad path, the file) kept aside with a reason.</param>
/// <param name="Problem">Why the file as a whole could not be read (bad path, corrupt gzip), when that happened.</param>
/// <param name="Blank">Lines read that carry no call: empty lines, and a generic CSV file's header row.</param>
/// <remarks>Every line read is queued, quarantined or blank: <c>LinesRead = Queued + Quarantined + Blank</c> (a file whose gzip
/// stream breaks also counts that break as one quarantined record).</remarks>
public sealed record CdrFileManifest(
    string File,
    string ETag,
    string Format,
    string TimeZone,
    Instant StartedAt,
    long LinesRead,
    long Queued,
    long Quarantined,
    Instant? FinishedAt = null,
    string? Problem = null,
    long Blank = 0)
{
    public bool IsFinished => FinishedAt is not null;
}
