using System.Diagnostics;
using ServerlessBilling.Paging;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Records each rated usage row as a span of the call's trace (event id, account) and measures the rating lag: from the
/// call's end to its row being stored.</summary>
internal sealed class TracedUsageLedger(IUsageLedger inner, BillingMetrics metrics, IClock clock) : IUsageLedger
{
    public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) => TryRecordAsync(usage, delivery: null, cancellationToken);

    public async Task<bool> TryRecordAsync(RatedUsage usage, string? delivery, CancellationToken cancellationToken)
    {
        using var span = TelemetryNames.Source.StartActivity("record rated usage");
        span?.SetTag(TelemetryTags.Event, usage.Event.EventId);
        span?.SetTag(TelemetryTags.Account, usage.AccountId);
        span?.SetTag(TelemetryTags.Source, usage.Event.Source);
        var recorded = await inner.TryRecordAsync(usage, delivery, cancellationToken);
        span?.SetTag("billing.recorded", recorded);
        if (recorded)
        {
            var ended = usage.Event.EndedAt ?? usage.Event.StartedAt + Duration.FromSeconds(usage.Event.DurationSeconds);
            metrics.Rated(usage, (clock.GetCurrentInstant() - ended).ToTimeSpan());
        }

        return recorded;
    }

    /// <summary>One span per row, as for a single write (siblings under the caller's span), around the batch that writes them.</summary>
    public Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken) =>
        TryRecordAllAsync(rows, new string?[rows.Count], cancellationToken);

    public async Task<IReadOnlyList<bool>> TryRecordAllAsync(IReadOnlyList<RatedUsage> rows, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken)
    {
        var parent = Activity.Current;
        var spans = new List<Activity?>(rows.Count);
        foreach (var usage in rows)
        {
            var span = TelemetryNames.Source.StartActivity("record rated usage");
            span?.SetTag(TelemetryTags.Event, usage.Event.EventId);
            span?.SetTag(TelemetryTags.Account, usage.AccountId);
            span?.SetTag(TelemetryTags.Source, usage.Event.Source);
            spans.Add(span);
            Activity.Current = parent;
        }

        try
        {
            var recorded = await inner.TryRecordAllAsync(rows, deliveries, cancellationToken);
            var now = clock.GetCurrentInstant();
            for (var i = 0; i < rows.Count; i++)
            {
                spans[i]?.SetTag("billing.recorded", recorded[i]);
                if (recorded[i])
                {
                    var usage = rows[i];
                    var ended = usage.Event.EndedAt ?? usage.Event.StartedAt + Duration.FromSeconds(usage.Event.DurationSeconds);
                    metrics.Rated(usage, (now - ended).ToTimeSpan());
                }
            }

            return recorded;
        }
        finally
        {
            foreach (var span in spans)
            {
                span?.Dispose();
            }

            Activity.Current = parent;
        }
    }

    public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) =>
        inner.ContainsAsync(accountId, period, identity, cancellationToken);

    public Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, CancellationToken cancellationToken) =>
        inner.ContainsAllAsync(accountId, period, identities, cancellationToken);

    public Task<IReadOnlyList<bool>> ContainsAllAsync(
        string accountId, BillingPeriod period, IReadOnlyList<EventIdentity> identities, IReadOnlyList<string?> deliveries, CancellationToken cancellationToken) =>
        inner.ContainsAllAsync(accountId, period, identities, deliveries, cancellationToken);

    public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        inner.ListAsync(accountId, period, cancellationToken);

    public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListAsync(accountId, period, page, cancellationToken);

    public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListPageAsync(accountId, continuationToken, pageSize, cancellationToken);

    public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListBilledPeriodsAsync(source, month, continuationToken, pageSize, cancellationToken);

    public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListBySourceAsync(period, source, startedIn, continuationToken, pageSize, cancellationToken);

    public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.TryIndexSourceAsync(usage, cancellationToken);

    public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.ReplaceAsync(usage, cancellationToken);

    public Task ReplaceAllAsync(IReadOnlyList<RatedUsage> rows, CancellationToken cancellationToken) => inner.ReplaceAllAsync(rows, cancellationToken);

    public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) =>
        inner.RemoveAsync(accountId, periodKey, identity, cancellationToken);
}
