using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Functions.Ingest;

/// <summary>A CDR dump dropped into <c>cdr-drops</c> is streamed into rating. On Flex Consumption blob triggers arrive through Event Grid.</summary>
public sealed class CdrDropFunction(CdrFileIntake intake, ILogger<CdrDropFunction> logger)
{
    [Function("IngestCdrDrop")]
    public async Task Run(
        [BlobTrigger(StorageNames.CdrDropsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] Stream blob,
        string name,
        CancellationToken cancellationToken)
    {
        var summary = await intake.IngestAsync(name, blob, cancellationToken);
        logger.LogInformation(
            "CDR file {File}: {Lines} lines, {Queued} events queued, {Quarantined} quarantined",
            summary.File, summary.Lines, summary.Queued, summary.Quarantined);
    }
}
