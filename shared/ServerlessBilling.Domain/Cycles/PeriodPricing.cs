using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Cycles;

/// <summary>Prices an account's period from what is stored now: recurring fees, usage with bundle drawdown and tiers, taxes,
/// the locations a parent consolidates, and the pending adjustments. The close's draft and the upcoming-invoice preview are
/// both this one computation, so a preview says what the close would bill.</summary>
/// <remarks>Reads only: nothing is stored, numbered or announced here (the close stores the draft itself; a preview never does).</remarks>
public sealed class PeriodPricing(
    IAccountDirectory accounts,
    IPlanCatalog plans,
    IUsageLedger ledger,
    ITaxCalculator taxes,
    AdjustmentBilling adjustments,
    ICycleLedger cycles)
{
    /// <summary>The unnumbered invoice of <paramref name="account"/>'s <paramref name="period"/>, with its locations' lines when it consolidates them.</summary>
    public async Task<Invoice> PriceAsync(Account account, BillingPeriod period, CancellationToken cancellationToken) =>
        (await PricedAsync(account, period, cancellationToken)).Invoice;

    /// <summary>As <see cref="PriceAsync"/>, with the plan the account's own lines were priced on and its usage when it was read into
    /// memory (null: a long period's spool, given back here); the close keeps both for its next step.</summary>
    /// <param name="plan">The account's plan when the caller has it already (read with the close's start); null: read.</param>
    /// <param name="listAdjustments">False when the caller knows the account had no adjustment waiting when its close started
    /// (<see cref="StartedClose.NoUnbilledAdjustments"/>): none is listed.</param>
    public async Task<(Invoice Invoice, PricePlan Plan, IReadOnlyList<RatedUsage>? Usage)> PricedAsync(
        Account account, BillingPeriod period, CancellationToken cancellationToken, PricePlan? plan = null, bool listAdjustments = true)
    {
        var (own, children) = await BillsAsync(account, period, cancellationToken, plan);
        try
        {
            var draft = await GroupInvoice.BuildAsync(own, children, period, taxes, cancellationToken);
            var adjusted = listAdjustments ? await adjustments.AddToDraftAsync(draft, cancellationToken) : draft;
            return (adjusted, own.Plan, own.Usage is IDisposable ? null : own.Usage);
        }
        finally
        {
            Release(own, children);
        }
    }

    /// <summary>Commits the numbered invoice's taxes at a tax service that reports what is committed to it (<see cref="ITaxCommitter"/>);
    /// nothing to do with the built-in engine.</summary>
    /// <remarks>The period is priced again exactly as its draft was (its usage is frozen once the close started), so each location is
    /// taxed with the request its draft was taxed with, now committed under the invoice number (a location's as
    /// <c>{number}:{location account}</c>). The taxes are computed again by the service with the same date and inputs.</remarks>
    /// <returns>The period priced with the committed taxes, to compare with the invoice's (<see cref="TaxCommitCheck"/>); null
    /// when the calculator commits nothing.</returns>
    public async Task<Invoice?> CommitTaxesAsync(Account account, BillingPeriod period, string number, CancellationToken cancellationToken)
    {
        if (taxes is not ITaxCommitter committer)
        {
            return null;
        }

        var (own, children) = await BillsAsync(account, period, cancellationToken);
        try
        {
            return await GroupInvoice.BuildAsync(own, children, period, new TaxCommitRun(committer, account.Id, number), cancellationToken);
        }
        finally
        {
            Release(own, children);
        }
    }

    /// <summary>A long period's usage is read from a store's spool file (<see cref="ICallOrderedUsage"/>): given back once priced.</summary>
    private static void Release(LocationBill own, IReadOnlyList<LocationBill> children)
    {
        own.ReleaseUsage();
        foreach (var child in children)
        {
            child.ReleaseUsage();
        }
    }

    private async Task<(LocationBill Own, IReadOnlyList<LocationBill> Children)> BillsAsync(
        Account account, BillingPeriod period, CancellationToken cancellationToken, PricePlan? plan = null)
    {
        var own = await BillAsync(account, period, forDraft: true, cancellationToken, plan);
        var children = new List<LocationBill>();
        foreach (var child in await LocationsAsync(account, period, cancellationToken))
        {
            children.Add(await BillAsync(child, period, forDraft: true, cancellationToken));
        }

        return (own, children);
    }

    /// <summary>The locations billed on <paramref name="account"/>'s invoice, in the order the invoice lists them; none unless it consolidates them.</summary>
    /// <remarks>A location whose own close of this period started (it was billed on its own before the parent switched to
    /// consolidated billing) is left out, so the period is never billed twice.</remarks>
    public async Task<IReadOnlyList<Account>> LocationsAsync(Account account, BillingPeriod period, CancellationToken cancellationToken)
    {
        if (!account.ConsolidatesChildren)
        {
            return [];
        }

        var locations = new List<Account>();
        foreach (var child in await accounts.ListChildrenAsync(account.Id, cancellationToken))
        {
            if (!await cycles.HasStartedAsync(new CycleRequest(child.Id, period.Key), cancellationToken))
            {
                locations.Add(child);
            }
        }

        return [.. locations.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>What one location brings to the period's invoice.</summary>
    /// <param name="forDraft">True to read what pricing needs beyond the plan and the usage (the numbers held, the previous
    /// period's usage when a bundle rolls over); false for the usage detail of an invoice already priced.</param>
    /// <param name="plan">The account's plan when the caller has it already (the one its draft was priced on); null: read.</param>
    /// <param name="usage">The period's usage when the caller has it already (the one its draft was priced from); null: queried.</param>
    public async Task<LocationBill> BillAsync(
        Account account, BillingPeriod period, bool forDraft, CancellationToken cancellationToken, PricePlan? plan = null, IReadOnlyList<RatedUsage>? usage = null)
    {
        plan = plan is not null && plan.Id == account.PlanId ? plan : await plans.FindAsync(account.PlanId, cancellationToken)
            ?? throw new InvalidOperationException($"Plan '{account.PlanId}' of account '{account.Id}' does not exist.");
        var held = forDraft ? await accounts.ListNumbersAsync(account.Id, cancellationToken) : [];
        usage ??= await ledger.ListAsync(account.Id, period, cancellationToken);
        var rollsOver = forDraft && plan.VersionOn(period.Start)?.Bundles?.Any(b => b.Rollover) == true;
        var previousUsage = rollsOver
            ? await ledger.ListAsync(account.Id, new BillingPeriod(period.Start.PlusMonths(-1), period.Start), cancellationToken)
            : null;
        return new LocationBill(account, plan, held, usage, previousUsage);
    }
}
