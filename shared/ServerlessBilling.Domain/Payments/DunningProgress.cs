using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Where a collection run stands. Dunning moments are numbered: 0 is the first charge at once, moment <c>i</c> is
/// <see cref="DunningPolicy.RetryDelays"/>[i-1] after the first failure; an invoice collected by sending it has no moment 0 and
/// counts its delays from the due moment. At each moment the account is charged when it can be, and reminded when it cannot.</summary>
/// <param name="Anchor">The first failure (or the due moment): retry moments count from it.</param>
/// <param name="Blocked">The method on file must not be charged again (do-not-retry decline, authentication needed).</param>
/// <param name="AwaitingSettlement">A charge is processing; if it clears without paying, that counts as this moment's failure.</param>
/// <param name="ChargeNow">A new payment method arrived: charge it at once, outside the schedule.</param>
public sealed record DunningProgress(
    Instant StartedAt,
    int Moment,
    Instant? Anchor,
    string? MethodId,
    bool Blocked = false,
    bool AwaitingSettlement = false,
    bool ChargeNow = false,
    bool FinalFailure = false,
    bool SuspensionApplied = false,
    bool OverdueSent = false,
    int LateFeesAssessed = 0,
    int Announced = 0,
    int Reminded = 0,
    int MethodRequestedFor = 0,
    bool ReinstatementApplied = false)
{
    /// <summary>A chargeable account is charged at once (moment 0); one without a payment method is asked for one and
    /// reminded from now on; an invoice sent for payment is reminded from its due moment; a collection restarted after a
    /// reversal begins with the first retry.</summary>
    public static DunningProgress Start(CollectionState state, Instant now, bool afterReversal)
    {
        var (moment, anchor) = (state.ChargeAutomatically, state.CanCharge, afterReversal) switch
        {
            (_, _, true) => (1, now),
            (true, true, _) => (0, (Instant?)null),
            (true, false, _) => (1, now),
            _ => (1, state.DueAt),
        };
        return new(now, moment, anchor, state.PaymentMethodId, LateFeesAssessed: state.LateFeesAssessed);
    }

    private int LastMoment(DunningPolicy policy) => policy.RetryDelays.Count;

    /// <summary>When moment <paramref name="moment"/> falls; null for a retry while no failure has anchored the schedule.</summary>
    public Instant? MomentAt(int moment, DunningPolicy policy) =>
        moment == 0 ? StartedAt : Anchor + policy.RetryDelays[moment - 1];

    public DunningAction Next(CollectionState state, Instant now)
    {
        var policy = state.Policy;
        if (state.Settled)
        {
            // Reinstating is asked once: the account stays suspended when another invoice still holds it so.
            return state.Paid && state.Suspended && !ReinstatementApplied ? new DunningAction.Apply(DunningStepKind.Reinstate, 0) : new DunningAction.Finish();
        }

        var writeOffAt = state.DueAt + policy.WriteOffAfter;
        var lateFeeAt = policy.LateFee is { } fee ? LateFees.DueAt(fee, state.DueAt, LateFeesAssessed + 1) : null;
        if (now >= writeOffAt)
        {
            return new DunningAction.Apply(DunningStepKind.WriteOff, 0);
        }

        if (!OverdueSent && now >= state.DueAt)
        {
            return new DunningAction.Apply(DunningStepKind.Overdue, 0);
        }

        if (lateFeeAt <= now)
        {
            return new DunningAction.Apply(DunningStepKind.LateFee, LateFeesAssessed + 1);
        }

        if (FinalFailure && policy.SuspendAfterFinalFailure && !SuspensionApplied)
        {
            return new DunningAction.Apply(DunningStepKind.Suspend, Moment);
        }

        var chargeable = state.CanCharge && !Blocked;
        if (state.ChargeAutomatically && !chargeable && MethodRequestedFor < state.NextAttempt)
        {
            return new DunningAction.Apply(DunningStepKind.PaymentMethodRequired, state.NextAttempt);
        }

        Instant? momentAt = null;
        if (state.Pending.Amount == 0m)
        {
            if (ChargeNow && state.CanCharge)
            {
                return new DunningAction.Charge(state.NextAttempt);
            }

            if (!FinalFailure && Moment <= LastMoment(policy) && MomentAt(Moment, policy) is { } at)
            {
                if (now >= at)
                {
                    return chargeable ? new DunningAction.Charge(state.NextAttempt) : new DunningAction.Apply(DunningStepKind.Reminder, Moment, at);
                }

                // Announcements and early reminders only for a charge that will happen; otherwise the moment itself reminds.
                if (chargeable && Announced < Moment)
                {
                    return new DunningAction.Apply(DunningStepKind.RetryScheduled, Moment, at);
                }

                if (chargeable && Reminded < Moment && now >= at - policy.ReminderLead)
                {
                    return new DunningAction.Apply(DunningStepKind.Reminder, Moment, at);
                }

                momentAt = chargeable && Reminded < Moment ? at - policy.ReminderLead : at;
            }
        }

        Instant?[] upcoming = [momentAt, OverdueSent ? null : state.DueAt, lateFeeAt, writeOffAt];
        return new DunningAction.Wait(upcoming.Where(t => t is not null).Min());
    }

    /// <summary>The progress after <paramref name="action"/> was carried out and left <paramref name="state"/>.</summary>
    public DunningProgress After(DunningAction action, CollectionState state, Instant now, ChargeAttemptStatus? outcome = null) => action switch
    {
        DunningAction.Charge => AfterCharge(outcome ?? throw new ArgumentNullException(nameof(outcome)), state, now),
        DunningAction.Apply { Kind: DunningStepKind.Overdue } => this with { OverdueSent = true },
        DunningAction.Apply { Kind: DunningStepKind.LateFee } apply => this with { LateFeesAssessed = apply.Ordinal },
        DunningAction.Apply { Kind: DunningStepKind.RetryScheduled } apply => this with { Announced = apply.Ordinal },
        DunningAction.Apply { Kind: DunningStepKind.Reminder } apply when apply.Ordinal == Moment && now >= apply.At => Failed(state, now) with { Reminded = apply.Ordinal },
        DunningAction.Apply { Kind: DunningStepKind.Reminder } apply => this with { Reminded = apply.Ordinal },
        DunningAction.Apply { Kind: DunningStepKind.PaymentMethodRequired } apply => this with { MethodRequestedFor = apply.Ordinal },
        DunningAction.Apply { Kind: DunningStepKind.Suspend } => this with { SuspensionApplied = true },
        DunningAction.Apply { Kind: DunningStepKind.Reinstate } => this with { ReinstatementApplied = true },
        _ => this,
    };

    /// <summary>After a wake-up: a payment method other than the one seen before is charged at once; a processing charge that cleared without paying is this moment's failure.</summary>
    public DunningProgress Woken(CollectionState state, Instant now)
    {
        var progress = this;
        if (state.PaymentMethodId is not null && state.PaymentMethodId != MethodId)
        {
            progress = progress with { MethodId = state.PaymentMethodId, Blocked = false, ChargeNow = true };
        }

        return progress.AwaitingSettlement && state.Pending.Amount == 0m && !state.Settled
            ? progress.Failed(state, now) with { AwaitingSettlement = false }
            : progress;
    }

    private DunningProgress AfterCharge(ChargeAttemptStatus outcome, CollectionState state, Instant now)
    {
        var wasExtra = ChargeNow;
        var progress = this with { ChargeNow = false };
        return outcome switch
        {
            ChargeAttemptStatus.Succeeded or ChargeAttemptStatus.NothingDue => progress,
            ChargeAttemptStatus.Processing => progress with { AwaitingSettlement = true },
            _ when wasExtra => progress with { Anchor = Anchor ?? now, Blocked = outcome is ChargeAttemptStatus.DeclinedDoNotRetry or ChargeAttemptStatus.RequiresAction },
            ChargeAttemptStatus.DeclinedRetryLater or ChargeAttemptStatus.NotChargeable => progress.Failed(state, now),
            _ => progress.Failed(state, now) with { Blocked = true },
        };
    }

    /// <summary>This moment failed: anchor the schedule on the first failure and move to the next moment, or give up after the last.</summary>
    private DunningProgress Failed(CollectionState state, Instant now) => Moment >= LastMoment(state.Policy)
        ? this with { Anchor = Anchor ?? now, FinalFailure = true }
        : this with { Anchor = Anchor ?? now, Moment = Moment + 1 };
}
