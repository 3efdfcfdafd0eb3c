namespace ServerlessBilling.Invoicing;

/// <summary>Reads the stored files of final invoices and issued credit notes as streams, never whole into memory.</summary>
public interface IDocumentFiles
{
    /// <summary>The file, open for reading, or null when it is not stored.</summary>
    Task<DocumentFile?> OpenAsync(DocumentAddress address, CancellationToken cancellationToken);

    /// <summary>Whether the file is stored.</summary>
    Task<bool> ExistsAsync(DocumentAddress address, CancellationToken cancellationToken);
}
