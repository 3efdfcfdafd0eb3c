using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Functions.Ingest;

/// <summary>A CDR dump dropped into <c>cdr-drops</c> is streamed into rating. On Flex Consumption blob triggers arrive through Event Grid.</summary>
/// <remarks>The trigger binds a client rather than the content: intake reads the version's ETag and metadata first, then streams exactly that version, resuming after its last checkpoint.</remarks>
public sealed class CdrDropFunction(CdrFileIntake intake, ILogger<CdrDropFunction> logger)
{
    [Function("IngestCdrDrop")]
    public async Task Run(
        [BlobTrigger(StorageNames.CdrDropsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        using var span = TelemetryNames.Source.StartActivity("read cdr file")?.SetTag(TelemetryTags.File, blob.Name);
        var manifest = await intake.IngestAsync(blob.Name, cancellationToken);
        if (manifest is null)
        {
            logger.LogWarning("CDR file {File} was deleted before it could be read", blob.Name);
            return;
        }

        logger.LogInformation(
            "CDR file {File} ({Format}, {TimeZone}): {Lines} lines, {Queued} events queued, {Quarantined} quarantined",
            manifest.File, manifest.Format, manifest.TimeZone, manifest.LinesRead, manifest.Queued, manifest.Quarantined);
    }
}
