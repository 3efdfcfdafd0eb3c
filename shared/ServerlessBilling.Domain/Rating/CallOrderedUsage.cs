namespace ServerlessBilling.Rating;

/// <summary>A period's rated usage that its store already lists in the order invoices bill calls in, so a close reads it once, a row at
/// a time, instead of sorting (and so holding) the whole period: the period's own calls by start, then event id; then late calls of
/// earlier periods by that period's key, start and event id. Rows of one event keep the ledger's order (by component).</summary>
/// <remarks>A store returns it for a long period (<see cref="IUsageLedger.ListAsync(string, Cycles.BillingPeriod, CancellationToken)"/>)
/// and may read the rows from a spool as they are enumerated: enumerate it rather than index it.</remarks>
public interface ICallOrderedUsage : IReadOnlyList<RatedUsage>;

/// <summary>The order bundles are drawn down in and usage documents list calls in, whoever sorted the rows.</summary>
public static class CallOrder
{
    /// <summary>The period's own calls (not late ones) by start, then event id; ties keep their order in <paramref name="usage"/>.</summary>
    public static IEnumerable<RatedUsage> Own(IEnumerable<RatedUsage> usage) =>
        usage is ICallOrderedUsage
            ? usage.Where(u => u.PriorPeriodKey is null)
            : usage.Where(u => u.PriorPeriodKey is null).OrderBy(u => u.Event.StartedAt).ThenBy(u => u.Event.EventId, StringComparer.Ordinal);

    /// <summary>Late calls of earlier periods, oldest period first, then by start and event id.</summary>
    public static IEnumerable<RatedUsage> Late(IEnumerable<RatedUsage> usage) =>
        usage is ICallOrderedUsage
            ? usage.Where(u => u.PriorPeriodKey is not null)
            : usage.Where(u => u.PriorPeriodKey is not null)
                .OrderBy(u => u.PriorPeriodKey, StringComparer.Ordinal).ThenBy(u => u.Event.StartedAt).ThenBy(u => u.Event.EventId, StringComparer.Ordinal);

    /// <summary>Compares two rows as an <see cref="ICallOrderedUsage"/> lists them (equal for two components of one event).</summary>
    public static int Compare(RatedUsage x, RatedUsage y)
    {
        var late = (x.PriorPeriodKey is not null).CompareTo(y.PriorPeriodKey is not null);
        if (late != 0)
        {
            return late;
        }

        var prior = string.CompareOrdinal(x.PriorPeriodKey, y.PriorPeriodKey);
        if (prior != 0)
        {
            return prior;
        }

        var start = x.Event.StartedAt.CompareTo(y.Event.StartedAt);
        return start != 0 ? start : string.CompareOrdinal(x.Event.EventId, y.Event.EventId);
    }
}
