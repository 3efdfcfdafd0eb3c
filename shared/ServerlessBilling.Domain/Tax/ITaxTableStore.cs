namespace ServerlessBilling.Tax;

/// <summary>The tax tables an operator maintains: the documents shipped with the product, overlaid by the ones uploaded, each
/// under a version so that two operators' uploads of one document never overwrite each other unseen.</summary>
/// <remarks>A document's name is an <see cref="IdRule.DocumentName"/> (lower-case letters, digits and dashes). An upload is
/// validated together with every other document in force: one that leaves a gap or an overlap is refused whole, and the table in
/// use stays as it was.</remarks>
public interface ITaxTableStore : ITaxTables
{
    /// <summary>The documents in force, ordered by name, and why the stored ones were last rejected, if they were.</summary>
    Task<TaxTableListing> ListAsync(CancellationToken cancellationToken);

    /// <summary>The uploaded document of that name, else the shipped one, else null.</summary>
    Task<ReadOnlyMemory<byte>?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The document of that name with its version (<see cref="VersionedTaxDocument.ShippedVersion"/> while no upload
    /// replaced the shipped one); null when there is neither.</summary>
    Task<VersionedTaxDocument?> FindVersionedAsync(string name, CancellationToken cancellationToken);

    /// <summary>Validates the document with every other one in force and stores it, when the stored document is at
    /// <paramref name="expectedVersion"/> (<c>*</c>: any, so an uploaded or shipped one must exist; null: whatever is stored).</summary>
    /// <returns>The table now in force and the document's new version; stale, storing nothing, when the document moved on.
    /// Throws <see cref="InvalidTaxTableException"/> naming each rule at fault, leaving storage unchanged, and
    /// <see cref="ArgumentException"/> for a name that is not a document name.</returns>
    Task<Outcome<TaxTableWrite>> SetAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken);
}
