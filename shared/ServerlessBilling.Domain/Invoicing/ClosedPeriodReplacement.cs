using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>Replaces a billed call whose period's invoice is final with the version a person chose: the invoice stands, and the
/// difference goes through the closed-period correction (<see cref="ClosedPeriodRerating"/>), as re-rating a closed period does.</summary>
/// <remarks>
/// <para>When the chosen version bills in the same account and period, that period is billed again in memory with the call swapped,
/// and the difference in usage is one adjustment on the next invoice (more) or one credit note (less). When it names another account
/// or another period, the closed period is billed again without the call (a credit note for what it billed) and the chosen version is
/// recorded where it bills now, as late usage when its own period is closed too.</para>
/// <para>The moved claim names this replacement as its delivery (<see cref="IdentityClaim.ReplacedBy"/>) in the same write that moves it:
/// the batch that claimed the call first has finished, and a crash between the move and the row must not leave a claim that points at
/// that finished batch without its row (a later delivery would take the batch's finish as proof of the row, see <see cref="FinishedBatches"/>).</para>
/// <para>The run is keyed by the conflict, so repeating it settles nothing twice: the settlement finds its difference already settled,
/// the identity claim already moved and the ledger already holding the chosen version. The closed period's ledger row is rewritten to
/// the version now billed, so a later re-rating of that period (a plan fix) compares against what was settled, not the voided version.</para>
/// </remarks>
public sealed class ClosedPeriodReplacement(
    IAccountDirectory accounts, IInvoiceStore invoices, IPlanCatalog plans, IUsageLedger ledger, IEventIdentities identities, LateUsagePlacement placement, ClosedPeriodRerating closed)
{
    /// <param name="billed">The version billed.</param>
    /// <param name="account">The account the chosen version is attributed to.</param>
    /// <param name="usage">The chosen version.</param>
    /// <param name="charge">Its price on <paramref name="account"/>'s plan.</param>
    /// <param name="runId">Names this replacement, so that repeating it settles nothing twice.</param>
    /// <returns>What was settled; a conflict while the period's close runs (its invoice is not final yet), when the period was billed on
    /// a parent's consolidated invoice, or when the billed account or its plan is gone.</returns>
    /// <param name="collections">Wakes the invoice's collection when a credit note changed its balance; null without a durable client.</param>
    public async Task<Outcome<ClosedPeriodSettlement>> ReplaceAsync(
        RatedUsage billed, Account account, UsageEvent usage, Charge charge, string runId, ICollectionOrchestrations? collections,
        CancellationToken cancellationToken)
    {
        var billedAccount = await accounts.FindAsync(billed.AccountId, cancellationToken);
        if (billedAccount is null)
        {
            return Problem.Conflict($"Account '{billed.AccountId}', which billed {billed.Event.Identity}, does not exist");
        }

        var period = BillingPeriod.Containing(NodaTime.Text.LocalDatePattern.Iso.Parse(billed.PeriodKey).Value, billedAccount.Billing.BillCycleDay);
        var final = await invoices.FindAsync(billedAccount.Id, Invoice.IdFor(billedAccount.Id, period), cancellationToken);
        if (final is null && billedAccount.ParentAccountId is not null)
        {
            return Problem.Conflict(
                $"Period {billed.PeriodKey} of '{billedAccount.Id}' was billed on its parent's consolidated invoice: a closed location's call is corrected with a credit note on that invoice");
        }

        if (final is not { IsFinal: true })
        {
            return Problem.Conflict(
                $"The billed version of {billed.Event.Identity} is in period {billed.PeriodKey} of account '{billedAccount.Id}', whose close is running: replace it once its invoice is final");
        }

        var plan = await plans.FindAsync(billedAccount.PlanId, cancellationToken);
        if (plan is null)
        {
            return Problem.Conflict($"Account '{billedAccount.Id}' names plan '{billedAccount.PlanId}', which does not exist: its closed period cannot be settled");
        }

        var identity = billed.Event.Identity;
        var rows = await ledger.ListAsync(billedAccount.Id, final.Period, cancellationToken);
        var ownKey = billed.PriorPeriodKey ?? billed.PeriodKey;
        if (account.Id == billedAccount.Id && account.Billing.PeriodContaining(usage.StartedAt).Key == ownKey)
        {
            var swapped = billed with { Event = usage, Charge = charge };
            await identities.ReplaceAsync(new IdentityClaim(swapped, IdentityClaim.ReplacedBy(runId)), cancellationToken);
            var rerated = rows.Select(r => r.Event.Identity == identity ? swapped : r).ToList();
            var settlement = await closed.SettleAsync(billedAccount, plan, final, rerated, runId, collections, cancellationToken);
            await ledger.ReplaceAsync(swapped, cancellationToken);
            return settlement;
        }

        // Elsewhere: the claim moves first, so a delivery of the chosen version arriving meanwhile is its duplicate, never a second bill.
        var place = await placement.PlaceAsync(account, usage, billed, cancellationToken);
        var moved = new RatedUsage(usage, account.Id, place.Period.Key, charge) { PriorPeriodKey = place.PriorPeriodKey };
        await identities.ReplaceAsync(new IdentityClaim(moved, IdentityClaim.ReplacedBy(runId)), cancellationToken);
        var without = rows.Where(r => r.Event.Identity != identity).ToList();
        var voided = await closed.SettleAsync(billedAccount, plan, final, without, runId, collections, cancellationToken);
        await ledger.RemoveAsync(billed.AccountId, billed.PeriodKey, identity, cancellationToken);
        await ledger.TryRecordAsync(moved, cancellationToken);
        return voided;
    }
}
