using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Upstream;

/// <summary>Prices the numbers held in a vendor's month as an expected cost: each number an account billed under the vendor that month
/// held on any day of the month, at the monthly number fee of the vendor's cost plan in force on the month's first day (UTC).</summary>
/// <remarks>
/// <para>The cost plan is the first of the vendor's (by product) whose version in force charges for numbers (<see cref="PlanVersion.NumberFee"/>
/// or <see cref="PlanVersion.NumberFees"/> above zero). The accounts are those of the ledger's index of sources for the month (the ones
/// the reconciliation scans); with <see cref="StatementRun.StatementAccountsOnly"/>, only those the statement bills a call to. A number
/// is not tied to a vendor account, so <see cref="StatementRun.VendorAccount"/> does not narrow it.</para>
/// <para>The index is read page by page; each account's numbers are read once (the accounts of the month are remembered, not their
/// numbers). The result depends only on stored data, so a retried step computes the same.</para>
/// </remarks>
public sealed class NumberRentals(IUsageLedger ledger, IAccountDirectory accounts, ICostPlans costPlans, IReconciliations reconciliations)
{
    private const int IndexPageSize = 1000;

    /// <summary>The month's expected number rental for the run's vendor, or <see cref="NumberRental.None"/> when no cost plan charges for numbers.</summary>
    public async Task<NumberRental> ForAsync(StatementRun run, CancellationToken cancellationToken)
    {
        var month = YearMonthPattern.Iso.Parse(run.Month).Value;
        var (first, next) = (month.OnDayOfMonth(1), month.PlusMonths(1).OnDayOfMonth(1));
        var priced = (await costPlans.ListAsync(run.Vendor, cancellationToken))
            .OrderBy(p => p.Product, StringComparer.Ordinal)
            .Select(p => (p.Plan.Id, Version: p.Plan.VersionOn(first)))
            .FirstOrDefault(p => p.Version is { } v && (v.NumberFee > 0m || (v.NumberFees?.Values.Any(f => f > 0m) ?? false)));
        if (priced.Version is not { } version)
        {
            return NumberRental.None;
        }

        var (numbers, expected) = (0, 0m);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await ledger.ListBilledPeriodsAsync(run.Vendor, month, token, IndexPageSize, cancellationToken);
            var fresh = page.Items.Select(p => p.AccountId).Where(seen.Add).ToList();
            if (run.StatementAccountsOnly && fresh.Count > 0)
            {
                var covered = await reconciliations.SeenAmongAsync(run, [.. fresh.Select(StatementReconciliation.AccountKey)], cancellationToken);
                fresh = [.. fresh.Where(a => covered.Contains(StatementReconciliation.AccountKey(a)))];
            }

            foreach (var accountId in fresh)
            {
                foreach (var held in (await accounts.ListNumbersAsync(accountId, cancellationToken)).Where(n => n.From < next && (n.Until is null || n.Until > first)))
                {
                    numbers++;
                    expected += version.NumberFeeFor(held.Type);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new NumberRental(numbers, expected, priced.Id);
    }
}
