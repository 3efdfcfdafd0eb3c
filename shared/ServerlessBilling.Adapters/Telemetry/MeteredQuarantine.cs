using Microsoft.Extensions.Logging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts each record put in quarantine by source and reason, and logs it with its reference and field (never its raw content).</summary>
internal sealed partial class MeteredQuarantine(IQuarantine inner, BillingMetrics metrics, ILogger<MeteredQuarantine> logger) : IQuarantine
{
    public async Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        await inner.PutAsync(record, cancellationToken);
        metrics.Quarantine(record);
        LogQuarantined(logger, record.Source, record.Reference, record.Kind, record.Problem.Field);
    }

    public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) => inner.ListAsync(source, cancellationToken);

    public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken) => inner.RemoveAsync(source, reference, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarantined {Source} record {Reference} ({Kind}) at field {Field}")]
    private static partial void LogQuarantined(ILogger logger, string source, string reference, QuarantineKind kind, string field);
}
