using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessBilling.Storage;

/// <summary>Creates the tables, containers and queues when they are missing, and checks the account's ledger layout
/// (<see cref="LedgerLayoutRecord"/>). In Azure the infrastructure templates create them; locally the host and tests call this.</summary>
/// <param name="ledger">How many tables the claims and usage rows are spread over; null for one each.</param>
public sealed class StorageProvisioner(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, LedgerTables? ledger = null)
{
    private readonly LedgerTables layout = ledger ?? LedgerTables.Single;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(StorageNames.Tables.Union(layout.ClaimsTables).Union(layout.UsageTables).Select(t => tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken)));
        work.AddRange(StorageNames.Containers.Select(c => blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(StorageNames.Queues.Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(StorageNames.Queues.Select(q => queues.GetQueueClient(q + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
        await LedgerLayoutRecord.EnsureAsync(tables, layout, cancellationToken);
    }
}
