using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Raw payloads in <c>raw-archive</c> under <c>{source}/{yyyy}/{MM}/{dd}/{name}</c> (UTC day received); a redelivery overwrites the same bytes.</summary>
public sealed class BlobRawArchive(BlobServiceClient blobs, TimeProvider clock) : IRawArchive
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.RawArchiveContainer);

    public async Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var blobName = $"{source}/{clock.GetUtcNow():yyyy/MM/dd}/{name}";
        await container.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
        return $"{StorageNames.RawArchiveContainer}/{blobName}";
    }
}
