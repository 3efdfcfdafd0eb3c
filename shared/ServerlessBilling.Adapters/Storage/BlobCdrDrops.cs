using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Storage;

/// <summary>Dropped CDR files in <c>cdr-drops</c>: properties for the ETag and metadata, and a streaming read pinned to that ETag.</summary>
public sealed class BlobCdrDrops(BlobServiceClient blobs) : ICdrDrops
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer);

    public async Task<CdrDrop?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new CdrDrop(name, properties.Value.ETag.ToString(), new Dictionary<string, string>(properties.Value.Metadata));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(CdrDrop drop, CancellationToken cancellationToken)
    {
        var options = new BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = new BlobRequestConditions { IfMatch = new ETag(drop.ETag) },
        };
        return await container.GetBlobClient(drop.Name).OpenReadAsync(options, cancellationToken);
    }
}
