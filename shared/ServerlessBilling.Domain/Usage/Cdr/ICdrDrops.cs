namespace ServerlessBilling.Usage.Cdr;

/// <summary>The drop container as file intake needs it.</summary>
public interface ICdrDrops
{
    /// <summary>The file's current version, or null when it is gone.</summary>
    Task<CdrDrop?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens exactly that version for streaming; a newer upload under the same name makes the read fail rather than mix two files.</summary>
    Task<Stream> OpenReadAsync(CdrDrop drop, CancellationToken cancellationToken);
}
