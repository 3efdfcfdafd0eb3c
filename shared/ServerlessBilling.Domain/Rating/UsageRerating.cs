using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Prices an open period's recorded usage again with the account's current plan, after a plan correction.</summary>
/// <remarks>
/// A period whose close has started is frozen and never rewritten; a difference found later belongs on the next
/// invoice as an adjustment. A call the corrected plan cannot price keeps its old charge and is reported.
/// </remarks>
public sealed class UsageRerating(IAccountDirectory accounts, IPlanCatalog plans, IUsageLedger ledger, ICycleLedger cycles)
{
    /// <summary>Re-rates, for every account, its period containing <paramref name="date"/> (each in its own calendar); frozen periods are reported and left alone.</summary>
    public async Task<IReadOnlyList<AccountRerate>> RerateAllAsync(LocalDate date, CancellationToken cancellationToken)
    {
        var results = new List<AccountRerate>();
        string? token = null;
        do
        {
            var page = await accounts.ListAsync(token, 100, cancellationToken);
            foreach (var account in page.Accounts)
            {
                var periodStart = BillingPeriod.Containing(date, account.Billing.BillCycleDay).Key;
                results.Add(new AccountRerate(account.Id, periodStart, await RerateAsync(new CycleRequest(account.Id, periodStart), cancellationToken)));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return results;
    }

    public async Task<RerateOutcome> RerateAsync(CycleRequest request, CancellationToken cancellationToken)
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

        if (await cycles.HasStartedAsync(request, cancellationToken))
        {
            return RerateOutcome.Refused(new RecordProblem("periodStart", $"the close of {request.PeriodStart} has started: its usage is frozen"), periodClosed: true);
        }

        var plan = await plans.FindAsync(account.PlanId, cancellationToken);
        if (plan is null)
        {
            return RerateOutcome.Refused(new RecordProblem("planId", $"plan '{account.PlanId}' does not exist"));
        }

        var usage = await ledger.ListAsync(account.Id, BillingPeriod.Containing(start, account.Billing.BillCycleDay), cancellationToken);
        int changed = 0;
        var unpriced = new List<RecordProblem>();
        var difference = 0m;
        foreach (var rated in usage)
        {
            var outcome = Rater.Rate(rated.Event, plan, account.Billing.Zone, NumberClassifier.Classify(rated.Event.To));
            if (outcome.Charge is null)
            {
                unpriced.Add(new RecordProblem(rated.Event.EventId, outcome.Problem!.Reason));
            }
            else if (outcome.Charge != rated.Charge)
            {
                changed++;
                difference += outcome.Charge.Amount.Amount - rated.Charge.Amount.Amount;
                await ledger.ReplaceAsync(rated with { Charge = outcome.Charge }, cancellationToken);
            }
        }

        return new RerateOutcome(usage.Count, changed, difference, unpriced);
    }
}

/// <summary>One account's part of a re-rating of every account.</summary>
public sealed record AccountRerate(string AccountId, string PeriodStart, RerateOutcome Outcome);

/// <summary>What a re-rating did: calls looked at, charges changed and by how much in total, calls the plan cannot price;
/// or why it did nothing (<see cref="Refusal"/>, with <see cref="PeriodClosed"/> when the period is frozen).</summary>
public sealed record RerateOutcome(int Calls, int Changed, decimal Difference, IReadOnlyList<RecordProblem> Unpriced)
{
    public RecordProblem? Refusal { get; init; }

    public bool PeriodClosed { get; init; }

    public static RerateOutcome Refused(RecordProblem problem, bool periodClosed = false) =>
        new(0, 0, 0m, []) { Refusal = problem, PeriodClosed = periodClosed };
}
