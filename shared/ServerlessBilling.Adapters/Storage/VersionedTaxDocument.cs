namespace ServerlessBilling.Storage;

/// <summary>A tax table document as stored (or shipped) and its version; the HTTP edge shows the version as the <c>ETag</c>.</summary>
/// <param name="Content">The JSON document.</param>
/// <param name="Version">Opaque: a digest of the blob's ETag, or <see cref="BlobTaxTables.ShippedVersion"/>.</param>
public sealed record VersionedTaxDocument(ReadOnlyMemory<byte> Content, string Version);
