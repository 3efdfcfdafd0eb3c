namespace ServerlessBilling.Tax;

/// <summary>A tax table document as stored (or shipped) and its version; the HTTP edge shows the version as the <c>ETag</c>.</summary>
/// <param name="Content">The JSON document.</param>
/// <param name="Version">Opaque: a digest of the stored document's ETag, or <see cref="ShippedVersion"/>.</param>
public sealed record VersionedTaxDocument(ReadOnlyMemory<byte> Content, string Version)
{
    /// <summary>The version of a document no upload has replaced yet.</summary>
    public const string ShippedVersion = "shipped";
}
