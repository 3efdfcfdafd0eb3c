namespace ServerlessBilling.Payments;

/// <param name="Amounts">One amount per bucket, in the order of <see cref="AgingReport.Buckets"/>.</param>
public sealed record AgingRow(string AccountId, string Currency, IReadOnlyList<decimal> Amounts)
{
    public decimal Total => Amounts.Sum();
}
