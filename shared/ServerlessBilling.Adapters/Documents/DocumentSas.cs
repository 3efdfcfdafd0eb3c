using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>The one SAS shape every document link has: read one blob, over HTTPS where storage is reached over HTTPS, saved under the document's name.</summary>
internal static class DocumentSas
{
    public static BlobSasBuilder For(BlobClient blob, DocumentAddress address, Instant expiresAt)
    {
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt.ToDateTimeOffset())
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            // Azurite and the storage emulator speak plain HTTP; Azure storage is reached over HTTPS only.
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            ContentDisposition = $"attachment; filename=\"{address.FileName}\"",
            ContentType = address.ContentType,
        };
        return sas;
    }
}
