using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Reports over an account's rated usage in one period.</summary>
public sealed class UsageReports(IAccountDirectory accounts, IUsageLedger ledger, IClock clock)
{
    private const string NoReport = "No margin report";

    /// <returns>The margin report, or why there is none (an unknown account, a period start that is not a date).</returns>
    public async Task<Outcome<MarginReport>> MarginAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(request.AccountId, cancellationToken);
        if (account is null)
        {
            return Problem.Invalid(NoReport, new RecordProblem("accountId", $"account '{request.AccountId}' does not exist"));
        }

        var parsed = LocalDatePattern.Iso.Parse(request.PeriodStart);
        if (!parsed.Success)
        {
            return Problem.Invalid(NoReport, new RecordProblem("periodStart", $"'{request.PeriodStart}' is not a date like 2026-11-01"));
        }

        var period = BillingPeriod.Containing(parsed.Value, account.Billing.BillCycleDay);
        var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
        return MarginReport.Build(usage, account.Billing.Currency);
    }

    /// <summary>One page of the account's rated calls in the period containing <see cref="CycleRequest.PeriodStart"/>, as rating recorded them.</summary>
    /// <returns>The page; not found for an unknown account; invalid for a period start that is not a date.</returns>
    public async Task<Outcome<ListPage<RatedUsage>>> RatedCallsAsync(CycleRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(request.AccountId, cancellationToken);
        if (account is null)
        {
            return Problem.NotFound($"Account '{request.AccountId}'");
        }

        var parsed = LocalDatePattern.Iso.Parse(request.PeriodStart);
        if (!parsed.Success)
        {
            return Problem.Invalid("No rated calls", new RecordProblem("periodStart", $"'{request.PeriodStart}' is not a date like 2026-11-01"));
        }

        return await ledger.ListAsync(account.Id, BillingPeriod.Containing(parsed.Value, account.Billing.BillCycleDay), page, cancellationToken);
    }

    /// <summary>The account's usage in the period containing today (its zone and bill-cycle day), rated so far.</summary>
    /// <returns>The report; not found for an unknown account.</returns>
    public async Task<Outcome<CurrentUsage>> CurrentAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken);
        if (account is null)
        {
            return Problem.NotFound($"Account '{accountId}'");
        }

        var now = clock.GetCurrentInstant();
        var period = BillingPeriod.Containing(now.InZone(account.Billing.Zone).Date, account.Billing.BillCycleDay);
        var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
        return CurrentUsage.Build(account.Id, period, now, account.Billing.Currency, usage);
    }
}
