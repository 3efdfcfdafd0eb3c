using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Upstream;

/// <summary>Vendor statements in the <c>statements</c> container, uploaded as they stream in and read from any offset.</summary>
public sealed class BlobStatements(BlobServiceClient blobs) : IStatements
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.StatementsContainer);

    public async Task<bool> SaveAsync(string name, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        var limited = new LimitedStream(content, maxBytes);
        try
        {
            await blob.UploadAsync(limited, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } }, cancellationToken);
            return true;
        }
        catch (Exception) when (limited.Exceeded)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return false;
        }
    }

    public async Task<Stream> OpenReadAsync(string name, long offset, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(name).OpenReadAsync(offset, bufferSize: 256 * 1024, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return Stream.Null; // the offset is the file's end: an empty last page
        }
    }
}
