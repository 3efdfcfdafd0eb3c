using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Cycles;

/// <summary>A close's draft and what it was priced from (the account, the plan, the account's own usage), kept in this process for
/// the step that issues it, so that step reads none of them again: the account, the plan, the draft's lookup (the final's JSON not
/// found, then the draft's) and the period's usage query for the usage detail.</summary>
/// <remarks><para>
/// Taken once: the issuing step removes what it takes, so a retried step, or one running on another instance, reads storage as
/// before, and a draft made again (after a hold) leaves its own. Kept for <see cref="Keep"/> at most and for <see cref="Capacity"/>
/// invoices at most (beyond, nothing is kept), so a close that waits or a month-end with many closes in flight holds no memory.
/// </para><para>
/// The usage only when it was read into memory (a long period is read from a spool file, which is given back once priced) and
/// within <see cref="UsageRowsKept"/> rows for all the kept drafts together: beyond, the issuing step queries the period again.
/// </para><para>
/// The issued invoice is then made from the account and plan its draft was priced from, as if the two steps had run at the same
/// moment: a change saved in the seconds between them applies from the next period, as one saved after the close would. The period's
/// usage is frozen once its close started, so the usage kept is the usage a query would list.
/// </para></remarks>
public sealed class DraftedReads(IClock clock)
{
    public const int Capacity = 1024;

    /// <summary>Usage rows kept for all drafts together (about 1 KB each in memory).</summary>
    public const int UsageRowsKept = 50_000;

    public static readonly Duration Keep = Duration.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> kept = new(StringComparer.Ordinal);
    private int usageRows;

    /// <param name="draft">The draft as it was stored (null: the issuing step reads it).</param>
    /// <param name="usage">The account's own usage the draft was priced from, when read into memory (null: queried again).</param>
    public void Put(string invoiceId, Account account, PricePlan plan, Invoice? draft = null, IReadOnlyList<RatedUsage>? usage = null)
    {
        var now = clock.GetCurrentInstant();
        if (kept.Count >= Capacity || (usage is not null && Volatile.Read(ref usageRows) + usage.Count > UsageRowsKept))
        {
            foreach (var (id, entry) in kept)
            {
                if (entry.Until <= now && kept.TryRemove(id, out var removed))
                {
                    Forget(removed);
                }
            }

            if (kept.Count >= Capacity)
            {
                return;
            }
        }

        if (usage is not null && Interlocked.Add(ref usageRows, usage.Count) > UsageRowsKept)
        {
            Interlocked.Add(ref usageRows, -usage.Count);
            usage = null;
        }

        var replaced = (Entry?)null;
        kept.AddOrUpdate(invoiceId, new Entry(account, plan, draft, usage, now + Keep), (_, old) =>
        {
            replaced = old;
            return new Entry(account, plan, draft, usage, now + Keep);
        });
        if (replaced is not null)
        {
            Forget(replaced);
        }
    }

    /// <summary>The draft of <paramref name="invoiceId"/> and what it was priced from, if this process drafted it within <see cref="Keep"/>; removed.</summary>
    public (Account Account, PricePlan Plan, Invoice? Draft)? Take(string invoiceId) =>
        TakeAll(invoiceId) is { } entry ? (entry.Account, entry.Plan, entry.Draft) : null;

    /// <summary>As <see cref="Take"/>, with the usage kept (null when it was not).</summary>
    public Entry? TakeAll(string invoiceId)
    {
        if (!kept.TryRemove(invoiceId, out var entry))
        {
            return null;
        }

        Forget(entry);
        return entry.Until > clock.GetCurrentInstant() ? entry : null;
    }

    private void Forget(Entry entry)
    {
        if (entry.Usage is { } usage)
        {
            Interlocked.Add(ref usageRows, -usage.Count);
        }
    }

    public sealed record Entry(Account Account, PricePlan Plan, Invoice? Draft, IReadOnlyList<RatedUsage>? Usage, Instant Until);
}
