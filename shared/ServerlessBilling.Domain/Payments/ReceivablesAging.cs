using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>The accounts-receivable aging report: what each account still owes, by how long it has been overdue.</summary>
public sealed class ReceivablesAging(IReceivables receivables)
{
    public static readonly IReadOnlyList<string> Buckets = ["current", "1-30", "31-60", "61-90", "90+"];

    /// <summary>Open balances as of <paramref name="asOf"/>, one row per account and currency (amounts are never added across currencies).</summary>
    public async Task<AgingReport> ReportAsync(Instant asOf, CancellationToken cancellationToken)
    {
        var open = await receivables.ListOpenAsync(null, cancellationToken);
        var rows = open
            .Where(r => r.BalanceDue.Amount > 0m)
            .GroupBy(r => (r.AccountId, r.Currency))
            .OrderBy(g => g.Key.AccountId, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new AgingRow(g.Key.AccountId, g.Key.Currency, Sum(g, g.Key.Currency, asOf)))
            .ToList();
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgingRow("total", g.Key, [.. Enumerable.Range(0, Buckets.Count).Select(i => g.Aggregate(Money.Zero(g.Key), (sum, r) => sum + r.Amounts[i]))]))
            .ToList();
        return new AgingReport(asOf, Buckets, rows, totals);
    }

    /// <summary>Which bucket an invoice due at <paramref name="dueAt"/> falls in: days overdue, counting a started day as a day.</summary>
    public static int BucketOf(Instant dueAt, Instant asOf)
    {
        if (asOf <= dueAt)
        {
            return 0;
        }

        var daysOverdue = (int)Math.Ceiling((asOf - dueAt).TotalDays);
        return daysOverdue switch
        {
            <= 30 => 1,
            <= 60 => 2,
            <= 90 => 3,
            _ => 4,
        };
    }

    private static IReadOnlyList<Money> Sum(IEnumerable<Receivable> receivables, string currency, Instant asOf)
    {
        var amounts = Enumerable.Repeat(Money.Zero(currency), Buckets.Count).ToArray();
        foreach (var receivable in receivables)
        {
            amounts[BucketOf(receivable.DueAt, asOf)] += receivable.BalanceDue;
        }

        return amounts;
    }
}
