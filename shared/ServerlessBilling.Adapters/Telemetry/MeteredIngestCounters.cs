using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts what the ingest counters are told as metrics too (by source and outcome), so alerts need no table reads.</summary>
/// <remarks>The lines a CDR file's batch read are its <see cref="IngestCounts.Received"/> under the file's format; counted here, as
/// the counters count them (once per file version and line range), a file resumed after a crash counts each line once and a
/// file already read counts nothing.</remarks>
internal sealed class MeteredIngestCounters(IIngestCounters inner, BillingMetrics metrics) : IIngestCounters
{
    public async Task AddAsync(string source, LocalDate day, IngestCounts counts, CancellationToken cancellationToken)
    {
        await inner.AddAsync(source, day, counts, cancellationToken);
        Counted(source, counts);
    }

    public async Task<bool> AddOnceAsync(string source, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken)
    {
        var added = await inner.AddOnceAsync(source, day, counts, delivery, cancellationToken);
        if (added)
        {
            Counted(source, counts);
        }

        return added;
    }

    public Task<IReadOnlyList<IngestCounter>> ListAsync(string? source, LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
        inner.ListAsync(source, from, to, cancellationToken);

    private void Counted(string source, IngestCounts counts)
    {
        metrics.Ingested(source, counts);
        if (counts.Received > 0 && CdrFormat.All.Contains(source))
        {
            metrics.CdrLinesRead(source, counts.Received);
        }
    }
}
