namespace ServerlessBilling.Upstream;

/// <summary>The vendor statement files as imported.</summary>
public interface IStatements
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>, streaming it (a statement may hold millions of rows).</summary>
    /// <returns>False when the content is larger than <paramref name="maxBytes"/>; nothing is kept then.</returns>
    Task<bool> SaveAsync(string name, Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Opens the stored file for reading from <paramref name="offset"/> bytes in.</summary>
    Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken);
}
