using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Cycles;

/// <summary>The account and plan a close's draft was priced from, kept in this process for the step that issues it, so that step
/// reads neither again (two storage requests per invoice).</summary>
/// <remarks><para>
/// Taken once: the issuing step removes what it takes, so a retried step, or one running on another instance, reads storage as
/// before, and a draft made again (after a hold) leaves its own. Kept for <see cref="Keep"/> at most and for <see cref="Capacity"/>
/// invoices at most (beyond, nothing is kept), so a close that waits or a month-end with many closes in flight holds no memory.
/// </para><para>
/// The issued invoice is then made from the account and plan its draft was priced from, as if the two steps had run at the same
/// moment: a change saved in the seconds between them applies from the next period, as one saved after the close would.
/// </para></remarks>
public sealed class DraftedReads(IClock clock)
{
    public const int Capacity = 1024;

    public static readonly Duration Keep = Duration.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (Account Account, PricePlan Plan, Instant Until)> kept = new(StringComparer.Ordinal);

    public void Put(string invoiceId, Account account, PricePlan plan)
    {
        var now = clock.GetCurrentInstant();
        if (kept.Count >= Capacity)
        {
            foreach (var (id, entry) in kept)
            {
                if (entry.Until <= now)
                {
                    kept.TryRemove(id, out _);
                }
            }

            if (kept.Count >= Capacity)
            {
                return;
            }
        }

        kept[invoiceId] = (account, plan, now + Keep);
    }

    /// <summary>What the draft of <paramref name="invoiceId"/> was priced from, if this process drafted it within <see cref="Keep"/>; removed.</summary>
    public (Account Account, PricePlan Plan)? Take(string invoiceId) =>
        kept.TryRemove(invoiceId, out var entry) && entry.Until > clock.GetCurrentInstant() ? (entry.Account, entry.Plan) : null;
}
