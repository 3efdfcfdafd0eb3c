using System.Collections.Concurrent;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Cycles;

/// <summary>The closes whose start this process has just recorded in the cycle ledger, with the account the start was decided from (and
/// the account's plan when the due-period check read it), so their first step knows no final invoice can exist for the period and does
/// not look one up, nor reads the account or the plan again (three reads an invoice).</summary>
/// <remarks><para>
/// The invoice of an account's period is issued only by that period's close, and a start is recorded once
/// (<see cref="ICycleLedger.TryRecordStartAsync"/> refuses a second): a close whose start was recorded a moment ago has not run yet.
/// </para><para>
/// The close is then drafted from the account its start was decided from, and priced on the plan the due-period check read for it (once
/// for all the accounts on that plan), as if both had run at the same moment (seconds apart): a change saved between them applies from
/// the next period, as one saved after the close would (the same rule as <see cref="DraftedReads"/>).
/// </para><para>
/// Taken once: the first step's first attempt removes its entry, so a retried attempt, the same close run again (a retry of a failed
/// close records no start) or a step on another instance looks the final invoice up as before. Kept for <see cref="Keep"/> and for
/// <see cref="Capacity"/> closes at most (beyond, nothing is noted and the step reads), so a start whose close never runs holds nothing.
/// </para></remarks>
public sealed class StartedCloses(IClock clock)
{
    public const int Capacity = 4096;

    public static readonly Duration Keep = Duration.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (StartedClose Close, Instant Until)> recorded = new(StringComparer.Ordinal);

    /// <summary>Notes that the start of <paramref name="instanceId"/> was recorded just now, decided from <paramref name="account"/>
    /// (and <paramref name="plan"/>, its plan as read with it; null: the draft reads it).</summary>
    /// <param name="noUnbilledAdjustments">True when the due-period check read, before this start, that the account had no adjustment
    /// waiting (<see cref="IPendingAdjustments.ListAccountsWithUnbilledAsync"/>): the draft does not list them.</param>
    public void Recorded(string instanceId, Account account, PricePlan? plan = null, bool noUnbilledAdjustments = false)
    {
        var now = clock.GetCurrentInstant();
        if (recorded.Count >= Capacity)
        {
            foreach (var entry in recorded)
            {
                if (entry.Value.Until <= now)
                {
                    recorded.TryRemove(entry);
                }
            }

            if (recorded.Count >= Capacity)
            {
                return;
            }
        }

        recorded[instanceId] = (new StartedClose(account, plan is not null && plan.Id == account.PlanId ? plan : null, noUnbilledAdjustments), now + Keep);
    }

    /// <summary>The account the start of <paramref name="instanceId"/> was decided from and its plan, once, if this process recorded that
    /// start within <see cref="Keep"/> (removed); null: the close may have run before, look its invoice up.</summary>
    public StartedClose? TakeFirstRun(string instanceId) =>
        recorded.TryRemove(instanceId, out var entry) && entry.Until > clock.GetCurrentInstant() ? entry.Close : null;
}

/// <summary>What a start recorded by this process was decided from.</summary>
/// <param name="Plan">The account's plan as the due-period check read it; null: not read with the start.</param>
/// <param name="NoUnbilledAdjustments">The due-period check read that the account had no adjustment waiting; false: not known, list them.</param>
public sealed record StartedClose(Account Account, PricePlan? Plan, bool NoUnbilledAdjustments = false);
