using System.Collections.Concurrent;
using NodaTime;

namespace ServerlessBilling.Cycles;

/// <summary>The closes whose start this process has just recorded in the cycle ledger, so their first step knows no final invoice can
/// exist for the period and does not look one up (one read an invoice).</summary>
/// <remarks><para>
/// The invoice of an account's period is issued only by that period's close, and a start is recorded once
/// (<see cref="ICycleLedger.TryRecordStartAsync"/> refuses a second): a close whose start was recorded a moment ago has not run yet.
/// </para><para>
/// Taken once: the first step's first attempt removes its entry, so a retried attempt, the same close run again (a retry of a failed
/// close records no start) or a step on another instance looks the final invoice up as before. Kept for <see cref="Keep"/> and for
/// <see cref="Capacity"/> closes at most (beyond, nothing is noted and the step reads), so a start whose close never runs holds nothing.
/// </para></remarks>
public sealed class StartedCloses(IClock clock)
{
    public const int Capacity = 4096;

    public static readonly Duration Keep = Duration.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Instant> recorded = new(StringComparer.Ordinal);

    /// <summary>Notes that the start of <paramref name="instanceId"/> was recorded just now.</summary>
    public void Recorded(string instanceId)
    {
        var now = clock.GetCurrentInstant();
        if (recorded.Count >= Capacity)
        {
            foreach (var (id, until) in recorded)
            {
                if (until <= now)
                {
                    recorded.TryRemove(new KeyValuePair<string, Instant>(id, until));
                }
            }

            if (recorded.Count >= Capacity)
            {
                return;
            }
        }

        recorded[instanceId] = now + Keep;
    }

    /// <summary>True once if this process recorded the start of <paramref name="instanceId"/> within <see cref="Keep"/>; removed.</summary>
    public bool TakeFirstRun(string instanceId) =>
        recorded.TryRemove(instanceId, out var until) && until > clock.GetCurrentInstant();
}
