using Azure;
using Azure.Storage.Blobs;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Documents;

/// <summary>Document files read from their blobs as a network stream: a download of any size holds only a buffer in memory.</summary>
public sealed class BlobDocumentFiles(BlobServiceClient blobs) : IDocumentFiles
{
    public async Task<DocumentFile?> OpenAsync(DocumentAddress address, CancellationToken cancellationToken)
    {
        try
        {
            var download = await DocumentBlobs.Blob(blobs, address).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new DocumentFile(download.Value.Content, download.Value.Details.ContentLength, address.ContentType, address.FileName);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(DocumentAddress address, CancellationToken cancellationToken) =>
        (await DocumentBlobs.Blob(blobs, address).ExistsAsync(cancellationToken)).Value;
}
