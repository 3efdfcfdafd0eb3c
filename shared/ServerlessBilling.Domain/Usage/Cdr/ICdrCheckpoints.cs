namespace ServerlessBilling.Usage.Cdr;

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
