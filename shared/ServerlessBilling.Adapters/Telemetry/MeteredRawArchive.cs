using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts as metrics the deliveries the archive counts in its own write (<see cref="IRawArchive.CountsDeliveries"/>), which
/// never reach the ingest counters' <see cref="MeteredIngestCounters"/>: the ingest metric then sees every delivery once, whichever
/// store counted it.</summary>
internal sealed class MeteredRawArchive(IRawArchive inner, BillingMetrics metrics) : IRawArchive
{
    public bool CountsDeliveries => inner.CountsDeliveries;

    public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        inner.ArchiveAsync(source, name, content, contentType, cancellationToken);

    public async Task<(string ArchivedAs, bool Counted)> ArchiveCountedAsync(
        string source, LocalDate day, string name, ReadOnlyMemory<byte> content, string contentType, IngestCounts counts, CancellationToken cancellationToken)
    {
        var archived = await inner.ArchiveCountedAsync(source, day, name, content, contentType, counts, cancellationToken);
        if (archived.Counted)
        {
            metrics.Ingested(source, counts);
        }

        return archived;
    }

    public Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken) => inner.ReadAsync(archivedAs, cancellationToken);

    public IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, CancellationToken cancellationToken) =>
        inner.ListAsync(source, day, cancellationToken);
}
