using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessBilling.Storage;

/// <summary>Creates the tables, containers and queues when they are missing. In Azure the infrastructure templates create them; locally the host and tests call this.</summary>
public sealed class StorageProvisioner(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(StorageNames.Tables.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(StorageNames.Containers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(StorageNames.Queues.Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(StorageNames.Queues.Select(q => queues.GetQueueClient(q + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
