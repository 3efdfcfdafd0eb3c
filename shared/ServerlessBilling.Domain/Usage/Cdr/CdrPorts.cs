using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>One version of a dropped file: its name, the ETag that identifies this upload, and its metadata.</summary>
public sealed record CdrDrop(string Name, string ETag, IReadOnlyDictionary<string, string> Metadata);

/// <summary>The drop container as file intake needs it.</summary>
public interface ICdrDrops
{
    /// <summary>The file's current version, or null when it is gone.</summary>
    Task<CdrDrop?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens exactly that version for streaming; a newer upload under the same name makes the read fail rather than mix two files.</summary>
    Task<Stream> OpenReadAsync(CdrDrop drop, CancellationToken cancellationToken);
}

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

/// <summary>Progress per file version (name + ETag), saved after each batch handed to rating, so a crash resumes without loss.</summary>
public interface ICdrCheckpoints
{
    /// <summary>The manifest of that version, or null when it was never started.</summary>
    Task<CdrFileManifest?> GetAsync(string file, string etag, CancellationToken cancellationToken);

    /// <summary>Every version of the file read so far, newest start first.</summary>
    Task<IReadOnlyList<CdrFileManifest>> ListVersionsAsync(string file, CancellationToken cancellationToken);

    /// <summary>Saves the manifest, replacing the previous checkpoint of the same version.</summary>
    Task SaveAsync(CdrFileManifest manifest, CancellationToken cancellationToken);
}
