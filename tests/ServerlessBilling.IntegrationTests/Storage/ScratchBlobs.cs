using System.Collections.Concurrent;
using Azure.Storage.Blobs;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Azurite's blob service with every container an adapter asks for renamed to one of its own (<c>invoices</c>
/// becomes <c>invoices-x1a2b…</c>), created before the test and deleted after.</summary>
/// <param name="options">Client options, for a test that puts a policy of its own in the pipeline.</param>
public sealed class ScratchBlobs(AzuriteFixture azurite, BlobClientOptions? options = null) : BlobServiceClient(azurite.ConnectionString, options)
{
    private readonly string suffix = "-x" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, BlobContainerClient> used = new(StringComparer.Ordinal);

    public override BlobContainerClient GetBlobContainerClient(string blobContainerName) => used.GetOrAdd(blobContainerName, Scratch);

    /// <summary>Creates the containers <paramref name="adapter"/> asked for while it was built, and returns it ready to use.</summary>
    public async Task<T> ReadyAsync<T>(T adapter)
    {
        foreach (var container in used.Values)
        {
            await container.CreateIfNotExistsAsync();
        }

        return adapter;
    }

    public async Task DeleteAsync()
    {
        foreach (var container in used.Values)
        {
            await container.DeleteIfExistsAsync();
        }
    }

    private BlobContainerClient Scratch(string blobContainerName) => base.GetBlobContainerClient(blobContainerName + suffix);
}
