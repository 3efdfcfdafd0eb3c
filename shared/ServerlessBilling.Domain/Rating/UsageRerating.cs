using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Prices a period's recorded usage again with the account's current plan, after a plan correction.</summary>
/// <remarks>
/// An open period's charges are replaced in the ledger. A period whose close has started is frozen and never
/// rewritten: while its close runs it is refused; once its invoice is final the difference is settled on the next
/// invoice or by a credit note (<see cref="ClosedPeriodRerating"/>). A call the corrected plan cannot price keeps its
/// old charge and is reported.
/// </remarks>
public sealed class UsageRerating(
    IAccountDirectory accounts, IPlanCatalog plans, IUsageLedger ledger, ICycleLedger cycles, IInvoiceStore invoices, ClosedPeriodRerating closed)
{
    /// <summary>Re-rates, for every account, its period containing <paramref name="date"/> (each in its own calendar); frozen periods are reported and left alone.</summary>
    /// <param name="collections">Wakes the collections of invoices a credit note changed; null without a durable client.</param>
    public async Task<IReadOnlyList<AccountRerate>> RerateAllAsync(LocalDate date, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var results = new List<AccountRerate>();
        string? token = null;
        do
        {
            var page = await accounts.ListAsync(token, 100, cancellationToken);
            foreach (var account in page.Accounts)
            {
                var periodStart = BillingPeriod.Containing(date, account.Billing.BillCycleDay).Key;
                results.Add(new AccountRerate(account.Id, periodStart, await RerateOrRefuseAsync(new CycleRequest(account.Id, periodStart), null, collections, cancellationToken)));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return results;
    }

    /// <summary>Re-rates one account's period.</summary>
    /// <param name="runId">Keys a closed period's settlement with the account and period, so repeating the run adds nothing; derived from the result when null.</param>
    /// <returns>What the re-rating did, or why it did nothing: a conflict while the period's close runs, otherwise invalid
    /// with the field at fault; either way the problem's detail reads <c>field: reason</c>.</returns>
    /// <param name="collections">Wakes the invoice's collection when a credit note changed its balance; null without a durable client.</param>
    public async Task<Outcome<RerateOutcome>> RerateAsync(CycleRequest request, string? runId, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var result = await RerateOrRefuseAsync(request, runId, collections, cancellationToken);
        if (result.Refusal is not { } refusal)
        {
            return result;
        }

        const string title = "The period cannot be re-rated";
        return (result.PeriodClosed ? Problem.Conflict(title) : Problem.Invalid(title, refusal)).WithDetail(refusal.ToString());
    }

    /// <summary>A refusal is a value here: a re-rating of every account lists each refused period beside the rest.</summary>
    private async Task<RerateOutcome> RerateOrRefuseAsync(
        CycleRequest request, string? runId, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(request.AccountId, cancellationToken);
        if (account is null)
        {
            return RerateOutcome.Refused(new RecordProblem("accountId", $"account '{request.AccountId}' does not exist"));
        }

        if (!NodaTime.Text.LocalDatePattern.Iso.Parse(request.PeriodStart).TryGetValue(default, out var start)
            || BillingPeriod.Containing(start, account.Billing.BillCycleDay).Start != start)
        {
            return RerateOutcome.Refused(new RecordProblem("periodStart", $"'{request.PeriodStart}' is not the first day of a period"));
        }

        var period = BillingPeriod.Containing(start, account.Billing.BillCycleDay);
        Invoice? final = null;
        if (await cycles.HasStartedAsync(request, cancellationToken))
        {
            final = await invoices.FindAsync(account.Id, Invoice.IdFor(account.Id, period), cancellationToken);
            if (final is null && account.ParentAccountId is not null)
            {
                return RerateOutcome.Refused(new RecordProblem("accountId", $"{request.PeriodStart} of '{account.Id}' was billed on its parent's consolidated invoice; closed locations are not re-rated"));
            }

            if (final is not { IsFinal: true })
            {
                return RerateOutcome.Refused(new RecordProblem("periodStart", $"the close of {request.PeriodStart} is running: re-rate once its invoice is final"), periodClosed: true);
            }
        }

        var plan = await plans.FindAsync(account.PlanId, cancellationToken);
        if (plan is null)
        {
            return RerateOutcome.Refused(new RecordProblem("planId", $"plan '{account.PlanId}' does not exist"));
        }

        var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
        int changed = 0;
        var unpriced = new List<RecordProblem>();
        var difference = 0m;
        var rerated = new List<RatedUsage>(usage.Count);
        var replaced = new List<RatedUsage>();
        foreach (var rated in usage)
        {
            var outcome = Rater.Rate(rated.Event, plan, account.Billing.Zone, NumberClassifier.Classify(rated.Event.To));
            if (!outcome.TryGetValue(out var charge))
            {
                unpriced.Add(new RecordProblem(rated.Event.EventId, outcome.Problem!.Fields[0].Reason));
                rerated.Add(rated);
            }
            else if (charge != rated.Charge)
            {
                changed++;
                difference += charge.Amount.Amount - rated.Charge.Amount.Amount;
                rerated.Add(rated with { Charge = charge });
                replaced.Add(rated with { Charge = charge });
            }
            else
            {
                rerated.Add(rated);
            }
        }

        var result = new RerateOutcome(usage.Count, changed, difference, unpriced);
        if (final is null)
        {
            await ledger.ReplaceAllAsync(replaced, cancellationToken);
            return result;
        }

        var settlement = await closed.SettleAsync(account, plan, final, rerated, runId, collections, cancellationToken);
        return result with { Settlement = settlement };
    }
}
