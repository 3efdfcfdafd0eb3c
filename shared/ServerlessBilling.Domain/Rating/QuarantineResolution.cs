using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A person's decision about a conflicting duplicate or a call held for a limit, applied once.</summary>
/// <remarks>
/// Replacing is allowed while the billed version's period is open: its usage row is voided and the chosen version billed (see
/// <see cref="UsageRecording.ReplaceAsync"/>). Once that period's close has started the invoice stands, and the replacement is
/// refused as a conflict; the difference then goes through the closed-period correction (re-rating settles it as an adjustment
/// or a credit note).
/// </remarks>
public sealed class QuarantineResolution(IQuarantine quarantine, UsageRating rating, ICycleLedger cycles, IIngestCounters counters, IClock clock)
{
    public async Task<Outcome<ResolvedHold>> ResolveAsync(string source, string reference, HoldAction action, CancellationToken cancellationToken)
    {
        var record = (await quarantine.ListAsync(source, cancellationToken)).FirstOrDefault(r => r.Reference == reference);
        if (record is null)
        {
            return Problem.NotFound($"Quarantined record '{reference}' of source '{source}'");
        }

        return action switch
        {
            HoldAction.Discard => await DiscardAsync(record, cancellationToken),
            HoldAction.Accept when record.Kind == QuarantineKind.Limit => await AcceptAsync(record, cancellationToken),
            HoldAction.Replace when record.Kind == QuarantineKind.Conflict => await ReplaceAsync(record, EventConflict.TryRead(record)!, cancellationToken),
            _ => Problem.Invalid("The action does not apply to this record", new RecordProblem(
                "action", $"'{action}' does not apply to a {record.Kind} record: accept is for a call held for a limit, replace for a conflict")),
        };
    }

    private async Task<Outcome<ResolvedHold>> DiscardAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Discard, null);
    }

    private async Task<Outcome<ResolvedHold>> AcceptAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        var outcome = await rating.ReplayOneAsync(record, acceptLimits: true, cancellationToken);
        if (outcome == EventOutcome.Recorded)
        {
            await counters.AddAsync(record.Source, Today(), new IngestCounts(Rated: 1), cancellationToken);
        }

        var still = (await quarantine.ListAsync(record.Source, cancellationToken)).FirstOrDefault(r => r.Reference == record.Reference);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Accept, outcome, still?.Problem);
    }

    private async Task<Outcome<ResolvedHold>> ReplaceAsync(QuarantinedRecord record, EventConflict conflict, CancellationToken cancellationToken)
    {
        var billed = conflict.Billed;
        if (await cycles.HasStartedAsync(new CycleRequest(billed.AccountId, billed.PeriodKey), cancellationToken))
        {
            return Problem.Conflict(
                $"The billed version of {billed.Event.Identity} is in period {billed.PeriodKey} of account '{billed.AccountId}', whose close has started: " +
                "correct it with a credit note or a closed-period re-rating instead");
        }

        var (outcome, problem) = await rating.ReplaceAsync(conflict, cancellationToken);
        if (outcome != EventOutcome.Recorded)
        {
            return Problem.Conflict($"The held version of {billed.Event.Identity} cannot be billed ({problem?.ToString() ?? outcome.ToString()}); the billed version stays");
        }

        await quarantine.RemoveAsync(record.Source, record.Reference, cancellationToken);
        return new ResolvedHold(record.Source, record.Reference, HoldAction.Replace, outcome);
    }

    private LocalDate Today() => clock.GetCurrentInstant().InUtc().Date;
}
