using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Records a rated call so that its <see cref="EventIdentity"/> is billed at most once across all accounts and periods.</summary>
/// <remarks>
/// <para>The identity is claimed first (<see cref="IEventIdentities"/>), then the usage row is written where
/// <see cref="LateUsagePlacement"/> puts it. The two live in different table partitions, so they are two writes; the order makes a
/// crash between them harmless: a claim without its row is completed by the next delivery of the identity (a retry of the message
/// or a vendor's redelivery), in the claim's period or, if that period's close has started meanwhile, the next open one.</para>
/// <para>A delivery that finds the identity claimed is a duplicate when it states the same billing facts
/// (<see cref="EventConflict.DifferencesBetween"/>), and a conflict, held beside the billed version, when it does not. The delivery
/// that made the claim, retried after a failure later in its message, counts as recorded again: each delivery has one class.</para>
/// </remarks>
public sealed class UsageRecording(IEventIdentities identities, IUsageLedger ledger, ICycleLedger cycles, LateUsagePlacement placement, IQuarantine quarantine)
{
    /// <param name="delivery">The delivery's stable name (<c>{message}#{position}</c>), or null when it has none.</param>
    public async Task<EventOutcome> RecordAsync(Account account, UsageEvent usage, Charge charge, string? delivery, CancellationToken cancellationToken)
    {
        var place = await placement.PlaceAsync(account, usage, cancellationToken);
        var rated = new RatedUsage(usage, account.Id, place.Period.Key, charge) { PriorPeriodKey = place.PriorPeriodKey };
        var claimed = await identities.TryClaimAsync(new IdentityClaim(rated, delivery), cancellationToken);
        if (claimed is not null)
        {
            return await SettleAsync(claimed, account, rated, delivery, cancellationToken);
        }

        // Found in a closed period although never claimed: billed before identities were kept. The claim now names it.
        if (place.AlreadyRecorded)
        {
            return EventOutcome.Duplicate;
        }

        return await ledger.TryRecordAsync(rated, cancellationToken) ? EventOutcome.Recorded : EventOutcome.Duplicate;
    }

    /// <summary>For a call about to be held for a limit: a duplicate or conflict of a billed identity is that instead (a CDR file
    /// dropped again after the back-dating window is a duplicate, not a hold); null when the identity is not billed.</summary>
    public async Task<EventOutcome?> FindBilledAsync(Account account, UsageEvent usage, CancellationToken cancellationToken)
    {
        if (await identities.FindAsync(usage.Identity, cancellationToken) is not { } claimed)
        {
            return null;
        }

        var differences = EventConflict.DifferencesBetween(claimed.Billed, usage, account.Id);
        if (differences.Count == 0)
        {
            return EventOutcome.Duplicate;
        }

        await quarantine.PutAsync(new EventConflict(claimed.Billed, usage, account.Id, differences).ToRecord(), cancellationToken);
        return EventOutcome.Conflict;
    }

    /// <summary>Bills <paramref name="usage"/> in place of <paramref name="billed"/> (a person chose the later version of a conflict): the
    /// claim moves to the new version, the new row is written where it bills, then the old row is voided. Repeating it is harmless.</summary>
    /// <remarks>The caller checks that the billed version's period has not started closing: after a close the invoice stands and the
    /// difference is a correction, not a replacement.</remarks>
    public async Task<EventOutcome> ReplaceAsync(RatedUsage billed, Account account, UsageEvent usage, Charge charge, CancellationToken cancellationToken)
    {
        var place = await placement.PlaceAsync(account, usage, cancellationToken);
        var rated = new RatedUsage(usage, account.Id, place.Period.Key, charge) { PriorPeriodKey = place.PriorPeriodKey };
        var claim = await identities.FindAsync(usage.Identity, cancellationToken);
        await identities.ReplaceAsync(new IdentityClaim(rated, claim?.Delivery), cancellationToken);
        var samePlace = rated.AccountId == billed.AccountId && rated.PeriodKey == billed.PeriodKey;
        if (!await ledger.TryRecordAsync(rated, cancellationToken) && samePlace)
        {
            await ledger.ReplaceAsync(rated, cancellationToken);
        }

        if (!samePlace)
        {
            await ledger.RemoveAsync(billed.AccountId, billed.PeriodKey, billed.Event.Identity, cancellationToken);
        }

        return EventOutcome.Recorded;
    }

    private async Task<EventOutcome> SettleAsync(IdentityClaim claimed, Account account, RatedUsage rated, string? delivery, CancellationToken cancellationToken)
    {
        var differences = EventConflict.DifferencesBetween(claimed.Billed, rated.Event, account.Id);
        if (differences.Count > 0)
        {
            await quarantine.PutAsync(new EventConflict(claimed.Billed, rated.Event, account.Id, differences).ToRecord(), cancellationToken);
            return EventOutcome.Conflict;
        }

        var ours = delivery is not null && claimed.Delivery == delivery;
        var billed = claimed.Billed;
        var period = BillingPeriod.Containing(NodaTime.Text.LocalDatePattern.Iso.Parse(billed.PeriodKey).Value, account.Billing.BillCycleDay);
        if (!await ledger.ContainsAsync(billed.AccountId, period, rated.Event.Identity, cancellationToken))
        {
            // Claimed but never written: the claiming delivery failed between the two writes. Write it now, where it still bills.
            if (await cycles.HasStartedAsync(new CycleRequest(billed.AccountId, billed.PeriodKey), cancellationToken))
            {
                billed = rated;
                await identities.ReplaceAsync(claimed with { Billed = billed }, cancellationToken);
            }

            await ledger.TryRecordAsync(billed, cancellationToken);
        }

        return ours ? EventOutcome.Recorded : EventOutcome.Duplicate;
    }
}
