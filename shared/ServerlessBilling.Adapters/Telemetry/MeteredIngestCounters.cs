using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts what the ingest counters are told as metrics too (by source and outcome), so alerts need no table reads.</summary>
internal sealed class MeteredIngestCounters(IIngestCounters inner, BillingMetrics metrics) : IIngestCounters
{
    public async Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken)
    {
        await inner.AddAsync(source, day, counts, cancellationToken);
        metrics.Ingested(source, counts);
    }

    public async Task<bool> AddOnceAsync(string source, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken)
    {
        var added = await inner.AddOnceAsync(source, day, counts, delivery, cancellationToken);
        if (added)
        {
            metrics.Ingested(source, counts);
        }

        return added;
    }

    public Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
        inner.ListAsync(source, from, to, cancellationToken);
}
