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
/// <para>A message's calls are recorded together (<see cref="RecordAllAsync"/>): every claim first, written per identity partition in
/// entity group transactions, then every usage row, per account and period. The order per call is the same (claim, then row), so a
/// crash anywhere leaves claims without rows, which the message's retry completes as above. Their periods are placed together too:
/// whether a close has started is read once per account period per message.</para>
/// </remarks>
/// <param name="batchWrites">Write a message's claims and rows in batches (the default); false writes them one call at a time.</param>
/// <param name="fileRatings">Where rating records each CDR batch it finished, so a claim made by a finished batch is known to have its row
/// without reading it (<see cref="FinishedBatches"/>); null reads every found claim's row.</param>
/// <param name="gatherCalls">Write the calls of messages rated at the same time together (<see cref="CallGathering"/>); false writes each
/// message's calls on their own. Only with <paramref name="batchWrites"/>.</param>
public sealed class UsageRecording(
    IEventIdentities identities, IUsageLedger ledger, ICycleLedger cycles, LateUsagePlacement placement, IQuarantine quarantine, bool batchWrites = true,
    Usage.Cdr.ICdrFileRatings? fileRatings = null, bool gatherCalls = false)
{
    /// <summary>The claim a replacement before the close writes names this, not the delivery that claimed first (<see cref="IdentityClaim.ReplacedBy"/>).</summary>
    public static readonly string Replacement = IdentityClaim.ReplacedBy("open-period");

    private readonly FinishedBatches? finished = fileRatings is null ? null : new FinishedBatches(fileRatings);

    private CallGathering? gathering;

    /// <summary>The gathering of concurrent messages' calls, when on.</summary>
    public CallGathering? Gathering => !(gatherCalls && batchWrites) ? null
        : Volatile.Read(ref gathering) ?? Interlocked.CompareExchange(ref gathering, new CallGathering(RecordTogetherAsync), null) ?? gathering;

    /// <summary>Records the calls of one message, each as <see cref="RecordAsync"/> would, with claims and rows written in batches,
    /// together with the calls of messages rated at the same time when gathering is on.</summary>
    /// <returns>Each call's outcome, in order.</returns>
    public Task<IReadOnlyList<EventOutcome>> RecordAllAsync(IReadOnlyList<PricedCall> calls, CancellationToken cancellationToken) =>
        Gathering is { } gathered ? gathered.WriteAsync(calls, cancellationToken) : RecordTogetherAsync(calls, cancellationToken);

    private async Task<IReadOnlyList<EventOutcome>> RecordTogetherAsync(IReadOnlyList<PricedCall> calls, CancellationToken cancellationToken)
    {
        var outcomes = new EventOutcome[calls.Count];
        // A message naming one identity twice: the first is batched, the later ones are recorded after it, one at a time,
        // and find its claim, as a second delivery would.
        var seen = new HashSet<EventIdentity>();
        var batched = new List<int>();
        var later = new List<int>();
        for (var i = 0; i < calls.Count; i++)
        {
            (batchWrites && seen.Add(calls[i].Usage.Identity) ? batched : later).Add(i);
        }

        var rated = new RatedUsage[calls.Count];
        var alreadyRecorded = new bool[calls.Count];
        var placing = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.Place);
        var places = await placement.PlaceAsync(batched.Select(i => (calls[i].Account, calls[i].Usage)).ToList(), cancellationToken);
        for (var k = 0; k < batched.Count; k++)
        {
            var (call, place) = (calls[batched[k]], places[k]);
            rated[batched[k]] = new RatedUsage(call.Usage, call.Account.Id, place.Period.Key, call.Charge) { PriorPeriodKey = place.PriorPeriodKey };
            alreadyRecorded[batched[k]] = place.AlreadyRecorded;
        }

        placing?.Dispose();
        var claiming = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.Claim);
        var claims = batched.Count == 0 ? []
            : await identities.TryClaimAllAsync(batched.Select(i => new IdentityClaim(rated[i], calls[i].Delivery)).ToList(), cancellationToken);
        claiming?.Dispose();
        var toWrite = new List<int>();
        var found = new List<int>();
        for (var k = 0; k < batched.Count; k++)
        {
            var i = batched[k];
            if (claims[k] is not null)
            {
                found.Add(k);
            }
            else if (alreadyRecorded[i])
            {
                outcomes[i] = EventOutcome.Duplicate; // found in a closed period although never claimed: the claim now names it
            }
            else
            {
                toWrite.Add(i);
            }
        }

        var settling = found.Count == 0 ? null : TelemetryNames.Source.StartActivity(TelemetryNames.Steps.Settle);
        var settled = await SettleAllAsync(
            found.Select(k => new Settling(claims[k]!, calls[batched[k]].Account, rated[batched[k]], calls[batched[k]].Delivery)).ToList(), cancellationToken);
        for (var j = 0; j < found.Count; j++)
        {
            outcomes[batched[found[j]]] = settled[j];
        }

        settling?.Dispose();
        if (toWrite.Count > 0)
        {
            using var writing = TelemetryNames.Source.StartActivity(TelemetryNames.Steps.WriteRows);
            await ledger.TryRecordAllAsync(toWrite.Select(i => rated[i]).ToList(), toWrite.Select(i => calls[i].Delivery).ToList(), cancellationToken);
        }

        // Each claim is this delivery's: a row already there was written for it by a delivery rated at the same time that found the
        // claim before this one wrote the row (it completes a claim it cannot tell from a crashed one's), so the call is recorded here.
        foreach (var i in toWrite)
        {
            outcomes[i] = EventOutcome.Recorded;
        }

        foreach (var i in later)
        {
            outcomes[i] = await RecordAsync(calls[i].Account, calls[i].Usage, calls[i].Charge, calls[i].Delivery, cancellationToken);
        }

        return outcomes;
    }

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

        // As in RecordAllAsync: the claim is this delivery's, whoever wrote its row.
        await ledger.TryRecordAsync(rated, delivery, cancellationToken);
        return EventOutcome.Recorded;
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
    /// claim moves to the new version and names the replacement as its delivery (one write), the new row is written where it bills, then
    /// the old row is voided. Repeating it is harmless.</summary>
    /// <remarks>The caller checks that the billed version's period has not started closing: after a close the invoice stands and the
    /// difference is a correction, not a replacement.</remarks>
    public async Task<EventOutcome> ReplaceAsync(RatedUsage billed, Account account, UsageEvent usage, Charge charge, CancellationToken cancellationToken)
    {
        var place = await placement.PlaceAsync(account, usage, cancellationToken);
        var rated = new RatedUsage(usage, account.Id, place.Period.Key, charge) { PriorPeriodKey = place.PriorPeriodKey };
        await identities.ReplaceAsync(new IdentityClaim(rated, Replacement), cancellationToken);
        // In the same place the new version is written where the call is kept (its own row, or the pack of the delivery that claimed
        // it first); elsewhere it gets a row of its own, as its claim now names no delivery.
        if (rated.AccountId == billed.AccountId && rated.PeriodKey == billed.PeriodKey)
        {
            await ledger.ReplaceAsync(rated, cancellationToken);
        }
        else
        {
            await ledger.TryRecordAsync(rated, cancellationToken);
            await ledger.RemoveAsync(billed.AccountId, billed.PeriodKey, billed.Event.Identity, cancellationToken);
        }

        return EventOutcome.Recorded;
    }

    private async Task<EventOutcome> SettleAsync(IdentityClaim claimed, Account account, RatedUsage rated, string? delivery, CancellationToken cancellationToken) =>
        (await SettleAllAsync([new Settling(claimed, account, rated, delivery)], cancellationToken))[0];

    /// <summary>A delivery that found its identity claimed, and the claim it found.</summary>
    private sealed record Settling(IdentityClaim Claimed, Account Account, RatedUsage Rated, string? Delivery)
    {
        public BillingPeriod BilledPeriod { get; } =
            BillingPeriod.Containing(NodaTime.Text.LocalDatePattern.Iso.Parse(Claimed.Billed.PeriodKey).Value, Account.Billing.BillCycleDay);
    }

    /// <summary>Classes each delivery that found its identity claimed: a conflict when the facts differ, otherwise recorded (the
    /// claiming delivery, retried) or a duplicate, after checking that the claim's row was written: known without a read when the claim
    /// names a CDR batch that finished rating (<see cref="FinishedBatches"/>), otherwise read together, per account period of the claims
    /// (a redelivered message's duplicates are mostly in one), not one read per duplicate.</summary>
    private async Task<EventOutcome[]> SettleAllAsync(IReadOnlyList<Settling> settling, CancellationToken cancellationToken)
    {
        var outcomes = new EventOutcome[settling.Count];
        var same = new List<int>();
        for (var i = 0; i < settling.Count; i++)
        {
            var (claimed, account, rated, _) = settling[i];
            var differences = EventConflict.DifferencesBetween(claimed.Billed, rated.Event, account.Id);
            if (differences.Count > 0)
            {
                await quarantine.PutAsync(new EventConflict(claimed.Billed, rated.Event, account.Id, differences).ToRecord(), cancellationToken);
                outcomes[i] = EventOutcome.Conflict;
            }
            else
            {
                same.Add(i);
            }
        }

        // A re-dropped CDR window's claims name the one or two windows that claimed them first: a point read each, not a range read
        // per account period (on Azurite a range read scans the whole table).
        var groups = same.GroupBy(i => (settling[i].Claimed.Billed.AccountId, settling[i].BilledPeriod.Key)).ToList();
        var written = finished is null ? new bool[same.Count]
            : await finished.AreWrittenAsync(same.Select(i => settling[i].Claimed).ToList(), atMostReads: groups.Count, cancellationToken);
        var toRead = new HashSet<int>(same.Where((_, k) => !written[k]));
        foreach (var i in same.Where(i => !toRead.Contains(i)))
        {
            outcomes[i] = settling[i].Delivery is { } delivery && settling[i].Claimed.Delivery == delivery ? EventOutcome.Recorded : EventOutcome.Duplicate;
        }

        // Account periods are settled at once: a whole CDR window names about a hundred, each a few sequential queries.
        await Task.WhenAll(groups.Select(g => g.Where(toRead.Contains).ToList()).Where(members => members.Count > 0).Select(async members =>
        {
            var period = settling[members[0]].BilledPeriod;
            var recorded = await ledger.ContainsAllAsync(
                settling[members[0]].Claimed.Billed.AccountId, period, members.Select(i => settling[i].Rated.Event.Identity).ToList(),
                members.Select(i => settling[i].Claimed.Delivery).ToList(), cancellationToken);
            for (var k = 0; k < members.Count; k++)
            {
                var (claimed, _, rated, delivery) = settling[members[k]];
                if (!recorded[k])
                {
                    await CompleteAsync(claimed, rated, cancellationToken);
                }

                var ours = delivery is not null && claimed.Delivery == delivery;
                outcomes[members[k]] = ours ? EventOutcome.Recorded : EventOutcome.Duplicate;
            }
        }));

        return outcomes;
    }

    /// <summary>Claimed but never written: the claiming delivery failed between the two writes. Writes it now, where it still bills.</summary>
    private async Task CompleteAsync(IdentityClaim claimed, RatedUsage rated, CancellationToken cancellationToken)
    {
        var billed = claimed.Billed;
        if (await cycles.HasStartedAsync(new CycleRequest(billed.AccountId, billed.PeriodKey), cancellationToken))
        {
            billed = rated;
            await identities.ReplaceAsync(claimed with { Billed = billed }, cancellationToken);
        }

        await ledger.TryRecordAsync(billed, claimed.Delivery, cancellationToken);
    }
}
