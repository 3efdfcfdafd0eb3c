using Azure.Storage.Blobs;
using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Links signed with the storage account's key (Azurite, or a connection string that carries the key).</summary>
/// <remarks>Each link is a SAS scoped to its one blob, read only: an account-wide SAS would open every blob of the account.</remarks>
public sealed class SharedKeyDocumentLinks(BlobServiceClient blobs) : IDocumentLinks
{
    public Task<Uri> SignAsync(DocumentAddress address, Instant expiresAt, CancellationToken cancellationToken)
    {
        var blob = DocumentBlobs.Blob(blobs, address);
        if (!blob.CanGenerateSasUri)
        {
            throw new InvalidOperationException(
                "Documents:LinkSigning is SharedKey but the storage client has no account key; use UserDelegation with a managed identity.");
        }

        return Task.FromResult(blob.GenerateSasUri(DocumentSas.For(blob, address, expiresAt)));
    }
}
