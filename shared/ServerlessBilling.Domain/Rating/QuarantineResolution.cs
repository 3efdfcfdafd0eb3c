using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A person's decision about a conflicting duplicate or a call held for a limit, applied once.</summary>
/// <remarks>
/// <para>Replacing while the billed version's period is open voids its usage row and bills the chosen version (see
/// <see cref="UsageRecording.ReplaceAsync"/>). Once that period's invoice is final the invoice stands, and the replacement goes through
/// the closed-period correction: the difference is an adjustment on the next invoice or a credit note
/// (<see cref="ClosedPeriodReplacement"/>). While the close runs it is refused as a conflict.</para>
/// <para>A decision about one version of a call can settle others: after a replacement, a held version stating the billed facts is
/// moot, and the rest are held against the version now billed; after a discard, a held version stating the discarded facts is moot.
/// Moot conflicts are closed with their reason (<see cref="QuarantineKind.Closed"/>), so none is resolved against a superseded version.</para>
/// </remarks>
public sealed class QuarantineResolution(
    IQuarantine quarantine, UsageRating rating, ICycleLedger cycles, IEventIdentities identities, ClosedPeriodReplacement closedPeriods,
    IIngestCounters counters, IClock clock)
{
    /// <param name="collections">Wakes an invoice's collection when replacing a closed period's call credits it; null without a durable client.</param>
    public async Task<Outcome<ResolvedHold>> ResolveAsync(
        string source, string reference, HoldAction action, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var record = (await quarantine.ListAsync(source, cancellationToken)).FirstOrDefault(r => r.Reference == reference);
        if (record is null)
        {
            return Problem.NotFound($"Quarantined record '{reference}' of source '{source}'");
        }

        return action switch
        {
            HoldAction.Discard when record.Kind == QuarantineKind.Conflict => await DiscardConflictAsync(record, EventConflict.TryRead(record)!, cancellationToken),
            HoldAction.Discard => await DiscardAsync(record, cancellationToken),
            _ when record.Kind == QuarantineKind.Closed => Problem.Conflict($"Quarantined record '{reference}' is closed: {record.Problem.Reason}"),
            HoldAction.Accept when record.Kind == QuarantineKind.Limit => await AcceptAsync(record, cancellationToken),
            HoldAction.Replace when record.Kind == QuarantineKind.Conflict => await ReplaceAsync(record, EventConflict.TryRead(record)!, collections, cancellationToken),
            _ => Problem.Invalid("The action does not apply to this record", new RecordProblem(
                "action", $"'{action}' does not apply to a {record.Kind} record: accept is for a call held for a limit, replace for a conflict")),
        };
    }

    private async Task<Outcome<ResolvedHold>> DiscardAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Discard, null);
    }

    private async Task<Outcome<ResolvedHold>> DiscardConflictAsync(QuarantinedRecord record, EventConflict conflict, CancellationToken cancellationToken)
    {
        var discarded = conflict.Billed with { Event = conflict.Delivered, AccountId = conflict.DeliveredAccountId };
        var closed = await CloseMootAsync(record, conflict, discarded, cancellationToken);
        await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Discard, null) { Closed = closed };
    }

    private async Task<Outcome<ResolvedHold>> AcceptAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        var outcome = await rating.ReplayOneAsync(record, acceptLimits: true, CountIfBilledAsync, cancellationToken);

        var still = (await quarantine.ListAsync(record.Source, cancellationToken)).FirstOrDefault(r => r.Reference == record.Reference);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Accept, outcome, still?.Problem);
    }

    private async Task<Outcome<ResolvedHold>> ReplaceAsync(
        QuarantinedRecord record, EventConflict conflict, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var billed = conflict.Billed;
        var claim = await identities.FindAsync(billed.Event.Identity, cancellationToken);
        if (claim is not null && !SameFacts(claim.Billed, billed) && !SameFacts(claim.Billed, conflict.Delivered, conflict.DeliveredAccountId))
        {
            // Held against a version that another decision replaced since (a record kept from before such versions were re-held).
            var reason = $"the version it conflicted with was replaced; {claim.Billed.Event.Identity} now bills in account '{claim.Billed.AccountId}', period {claim.Billed.PeriodKey}";
            await quarantine.PutAsync(record with { Kind = QuarantineKind.Closed, Problem = new RecordProblem("superseded", reason) }, cancellationToken);
            return Problem.Conflict($"Quarantined record '{record.Reference}' is closed: {reason}");
        }

        ClosedPeriodSettlement? settlement = null;
        if (await cycles.HasStartedAsync(new CycleRequest(billed.AccountId, billed.PeriodKey), cancellationToken))
        {
            var (outcome, problem, account, charge) = await rating.PriceAsync(conflict, cancellationToken);
            if (account is null || charge is null)
            {
                return Unbillable(billed, outcome, problem);
            }

            var settled = await closedPeriods.ReplaceAsync(billed, account, conflict.Delivered, charge, RunId(conflict), collections, cancellationToken);
            if (!settled.TryGetValue(out settlement))
            {
                return settled.Problem!;
            }
        }
        else
        {
            var (outcome, problem) = await rating.ReplaceAsync(conflict, cancellationToken);
            if (outcome != EventOutcome.Recorded)
            {
                return Unbillable(billed, outcome, problem);
            }
        }

        var now = await identities.FindAsync(billed.Event.Identity, cancellationToken);
        var closed = await CloseMootAsync(record, conflict, now!.Billed, cancellationToken);
        await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Replace, EventOutcome.Recorded) { Settlement = settlement, Closed = closed };
    }

    /// <summary>Closes the call's other conflicts that the decision made moot (they state <paramref name="decided"/>'s facts) and holds the
    /// rest against the version billed now.</summary>
    private async Task<IReadOnlyList<ClosedHold>> CloseMootAsync(QuarantinedRecord resolved, EventConflict conflict, RatedUsage decided, CancellationToken cancellationToken)
    {
        var identity = conflict.Billed.Event.Identity;
        var current = (await identities.FindAsync(identity, cancellationToken))?.Billed ?? conflict.Billed;
        var closed = new List<ClosedHold>();
        var sources = new[] { resolved.Source, conflict.Billed.Event.Source, current.Event.Source }.Distinct(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var other in await quarantine.ListAsync(source, cancellationToken))
            {
                if (other.Reference == resolved.Reference || EventConflict.TryRead(other) is not { } held || held.Billed.Event.Identity != identity)
                {
                    continue;
                }

                if (SameFacts(decided, held.Delivered, held.DeliveredAccountId) || SameFacts(current, held.Delivered, held.DeliveredAccountId))
                {
                    var reason = SameFacts(current, held.Delivered, held.DeliveredAccountId)
                        ? $"states the billing facts now billed for {identity} (decided on '{resolved.Reference}')"
                        : $"states the billing facts a person discarded on '{resolved.Reference}'; the billed version of {identity} stands";
                    await quarantine.PutAsync(other with { Kind = QuarantineKind.Closed, Problem = new RecordProblem("resolved", reason) }, cancellationToken);
                    closed.Add(new ClosedHold(other.Reference, reason));
                }
                else if (!SameFacts(current, held.Billed))
                {
                    var differences = EventConflict.DifferencesBetween(current, held.Delivered, held.DeliveredAccountId);
                    await quarantine.PutAsync(new EventConflict(current, held.Delivered, held.DeliveredAccountId, differences).ToRecord(), cancellationToken);
                }
            }
        }

        return closed;
    }

    private static bool SameFacts(RatedUsage billed, RatedUsage other) =>
        billed.PeriodKey == other.PeriodKey && SameFacts(billed, other.Event, other.AccountId);

    private static bool SameFacts(RatedUsage billed, UsageEvent delivered, string accountId) =>
        EventConflict.DifferencesBetween(billed, delivered, accountId).Count == 0;

    /// <summary>Names the replacement in the closed period's settlement: the conflict's version, so a repeated decision settles nothing twice.</summary>
    private static string RunId(EventConflict conflict) => "replace-" + conflict.Reference[(conflict.Reference.LastIndexOf(':') + 1)..];

    private static Problem Unbillable(RatedUsage billed, EventOutcome outcome, RecordProblem? problem) =>
        Problem.Conflict($"The held version of {billed.Event.Identity} cannot be billed ({problem?.ToString() ?? outcome.ToString()}); the billed version stays");

    /// <summary>Counts an accepted call leaving quarantine as a replay counts it, once, before it leaves: billed now, or found billed (by
    /// this acceptance when it stopped after billing and is asked again).</summary>
    private async Task CountIfBilledAsync(QuarantinedRecord record, EventOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome is EventOutcome.Recorded or EventOutcome.Duplicate or EventOutcome.NotCharged)
        {
            await QuarantineRelease.CountOnceAsync(counters, record, Today(), cancellationToken);
        }
    }

    private LocalDate Today() => clock.GetCurrentInstant().InUtc().Date;
}
