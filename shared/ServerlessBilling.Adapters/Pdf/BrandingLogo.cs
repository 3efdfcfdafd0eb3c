using Azure.Storage.Blobs;

namespace ServerlessBilling.Pdf;

/// <summary>The reseller's logo (PNG) for the invoice PDF: from the <c>Branding:LogoBase64</c> setting, or read once from
/// the blob <c>Branding:LogoBlob</c> (<c>container/name</c>), or none.</summary>
/// <remarks>
/// The blob is read on first use, not at start-up, so a host starts even while storage is unreachable. A failed
/// read is not remembered: the activity that renders fails, is retried, and reads again, so a logo uploaded late
/// still appears without a restart.
/// </remarks>
public sealed class BrandingLogo
{
    private readonly Lazy<byte[]?> png;

    public BrandingLogo(Func<byte[]?> load) => png = new Lazy<byte[]?>(load, LazyThreadSafetyMode.PublicationOnly);

    public static BrandingLogo None { get; } = new(() => null);

    /// <summary>The PNG bytes, or null when no logo is configured.</summary>
    public byte[]? Png => png.Value;

    public static BrandingLogo FromSettings(string? base64, string? blob, BlobServiceClient blobs)
    {
        if (!string.IsNullOrWhiteSpace(base64))
        {
            var bytes = Convert.FromBase64String(base64.Trim());
            return new BrandingLogo(() => bytes);
        }

        if (string.IsNullOrWhiteSpace(blob))
        {
            return None;
        }

        var parts = blob.Split('/', 2);
        if (parts.Length != 2)
        {
            throw new InvalidOperationException($"Branding:LogoBlob '{blob}' must be 'container/name'.");
        }

        return new BrandingLogo(() => blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).DownloadContent().Value.Content.ToArray());
    }
}
