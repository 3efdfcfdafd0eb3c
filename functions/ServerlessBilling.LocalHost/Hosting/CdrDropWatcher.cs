using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Functions.Ingest;
using ServerlessBilling.Storage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Stands in for Event Grid, which Azurite does not emulate: watches <c>cdr-drops</c> and runs the same blob function once per upload.</summary>
/// <remarks>A blob is marked done with metadata after the function succeeds; a new upload under the same name clears the mark, as a new BlobCreated event would.
/// While the container holds nothing new it is listed less and less often (<see cref="IdlePolling"/>); a verb that uploads in this
/// process (<c>ingest-bench</c>, <c>demo</c>) wakes the watcher through <see cref="IdlePollers"/>.</remarks>
[StandsInFor("IngestCdrDrop")]
public sealed partial class CdrDropWatcher(BlobServiceClient blobs, IServiceProvider services, ILogger<CdrDropWatcher> logger, IdlePollers pollers)
    : BackgroundService
{
    private const string DoneMarker = "ingested";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer);
        var polling = pollers.For(StorageNames.CdrDropsContainer);
        while (!stoppingToken.IsCancellationRequested)
        {
            var found = false;
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, stoppingToken))
            {
                if (!item.Metadata.ContainsKey(DoneMarker))
                {
                    found = true;
                    await IngestAsync(container.GetBlobClient(item.Name), item.Metadata, stoppingToken);
                }
            }

            if (found)
            {
                polling.Found();
            }
            else
            {
                polling.Empty();
            }

            await polling.WaitAsync(null, stoppingToken);
        }
    }

    private async Task IngestAsync(BlobClient blob, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        try
        {
            var function = ActivatorUtilities.CreateInstance<CdrDropFunction>(services);
            await function.Run(blob, cancellationToken);

            metadata[DoneMarker] = DateTimeOffset.UtcNow.ToString("O");
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, blob.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "CDR drop {Name} failed; it will be tried again")]
    private partial void LogFailed(Exception exception, string name);
}
