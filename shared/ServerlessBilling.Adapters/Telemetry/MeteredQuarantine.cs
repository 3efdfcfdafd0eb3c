using Microsoft.Extensions.Logging;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts each record put in quarantine by source and reason, and logs it with its reference, field and reason (never its
/// raw content); the reason may name a phone number, so it is classified and the logger masks it.</summary>
internal sealed partial class MeteredQuarantine(IQuarantine inner, BillingMetrics metrics, ILogger<MeteredQuarantine> logger) : IQuarantine
{
    public async Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        await inner.PutAsync(record, cancellationToken);
        metrics.Quarantine(record);
        LogQuarantined(logger, record.Source, record.Reference, record.Kind, record.Problem.Field, record.Problem.Reason);
    }

    public async Task PutAllAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken cancellationToken)
    {
        await inner.PutAllAsync(records, cancellationToken);
        foreach (var record in records)
        {
            metrics.Quarantine(record);
            LogQuarantined(logger, record.Source, record.Reference, record.Kind, record.Problem.Field, record.Problem.Reason);
        }
    }

    public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) => inner.ListAsync(source, cancellationToken);

    public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListPageAsync(source, page, cancellationToken);

    public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken) => inner.RemoveAsync(source, reference, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined {Source} record {Reference} ({Kind}) at field {Field}: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string source, string reference, QuarantineKind kind, string field, [PhoneNumber] string reason);
}
