using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Cycles;

/// <summary>Decides whether a close may start: the account exists and is not billed on its parent's invoice, the date starts one of its periods, and the ledger has not seen it.</summary>
/// <param name="started">Told of each start recorded, for the close's first step (<see cref="StartedCloses"/>); null: nothing.</param>
public sealed class CycleStarts(IAccountDirectory accounts, ICycleLedger ledger, StartedCloses? started = null)
{
    /// <param name="listed">The account as the caller has just listed it (the due-period check), so it is not read again; null: read.</param>
    /// <param name="plan">The listed account's plan as the caller has just read it, kept with the start for the draft; null: the draft reads it.</param>
    /// <param name="noUnbilledAdjustments">True when the caller read, before this call, that the account had no adjustment waiting (kept
    /// with the start, so the draft does not list them).</param>
    public async Task<CycleStartDecision> DecideAsync(
        CycleRequest request, Instant now, CancellationToken cancellationToken, Account? listed = null, PricePlan? plan = null, bool noUnbilledAdjustments = false)
    {
        var account = listed is not null && listed.Id == request.AccountId ? listed : await accounts.FindAsync(request.AccountId, cancellationToken);
        if (account is null)
        {
            return CycleStartDecision.Invalid(new RecordProblem("accountId", $"account '{request.AccountId}' does not exist"));
        }

        if (account.ParentAccountId is { } parentId && AccountGroups.IsBilledByParent(account, await accounts.FindAsync(parentId, cancellationToken)))
        {
            return CycleStartDecision.Invalid(AccountGroups.BilledByParentProblem(account));
        }

        var parsed = LocalDatePattern.Iso.Parse(request.PeriodStart);
        if (!parsed.Success || BillingPeriod.Containing(parsed.Value, account.Billing.BillCycleDay).Start != parsed.Value)
        {
            return CycleStartDecision.Invalid(new RecordProblem(
                "periodStart", $"'{request.PeriodStart}' is not the first day of a period (bill-cycle day {account.Billing.BillCycleDay})"));
        }

        var period = BillingPeriod.Containing(parsed.Value, account.Billing.BillCycleDay);
        if (period.EndInstant(account.Billing.Zone) > now)
        {
            return CycleStartDecision.Invalid(new RecordProblem("periodStart", $"period {period} has not ended yet"));
        }

        if (!await ledger.TryRecordStartAsync(request, now, cancellationToken))
        {
            return CycleStartDecision.AlreadyStarted;
        }

        started?.Recorded(request.InstanceId, account, plan, noUnbilledAdjustments);
        return CycleStartDecision.Start;
    }
}
