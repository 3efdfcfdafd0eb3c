namespace ServerlessBilling.Upstream;

/// <summary>Running totals of a statement's reconciliation, summed page by page.</summary>
/// <param name="Rows">Statement lines read (calls and unreadable lines).</param>
/// <param name="VendorTotal">Everything the vendor charged on the lines read.</param>
/// <param name="ExpectedTotal">The cost plans' expected cost of the billed calls among them.</param>
/// <param name="BilledTotal">What customers were billed for the calls among them.</param>
/// <param name="ByReason">Findings by <see cref="FindingReason"/> name.</param>
public sealed record StatementTotals(long Rows, decimal VendorTotal, decimal ExpectedTotal, decimal BilledTotal, IReadOnlyDictionary<string, FindingTotal> ByReason)
{
    public static StatementTotals Empty { get; } = new(0, 0m, 0m, 0m, new Dictionary<string, FindingTotal>());

    public StatementTotals Plus(StatementTotals other)
    {
        var byReason = new Dictionary<string, FindingTotal>(ByReason, StringComparer.Ordinal);
        foreach (var (reason, total) in other.ByReason)
        {
            byReason[reason] = byReason.TryGetValue(reason, out var sum) ? sum.Plus(total) : total;
        }

        return new StatementTotals(Rows + other.Rows, VendorTotal + other.VendorTotal, ExpectedTotal + other.ExpectedTotal, BilledTotal + other.BilledTotal, byReason);
    }

    /// <summary>The findings of <paramref name="reasons"/> together.</summary>
    public FindingTotal Of(params ReadOnlySpan<FindingReason> reasons)
    {
        var sum = new FindingTotal(0, 0m);
        foreach (var reason in reasons)
        {
            if (ByReason.TryGetValue(reason.ToString(), out var total))
            {
                sum = sum.Plus(total);
            }
        }

        return sum;
    }
}
