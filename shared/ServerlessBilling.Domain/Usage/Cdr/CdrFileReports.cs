namespace ServerlessBilling.Usage.Cdr;

/// <summary>Reads a dropped file's manifests joined with rating's outcome, for the API and the local host's verb.</summary>
public sealed class CdrFileReports(ICdrCheckpoints checkpoints, ICdrFileRatings ratings)
{
    /// <returns>Every version of the file read so far, newest first; empty when the name was never dropped.</returns>
    public async Task<IReadOnlyList<CdrFileStatus>> GetAsync(string file, CancellationToken cancellationToken)
    {
        var versions = new List<CdrFileStatus>();
        foreach (var manifest in await checkpoints.ListVersionsAsync(file, cancellationToken))
        {
            versions.Add(CdrFileStatus.Of(manifest, await ratings.SumAsync(manifest.File, manifest.ETag, cancellationToken)));
        }

        return versions;
    }
}
