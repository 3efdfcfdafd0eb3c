using System.Text.Json.Serialization;

namespace ServerlessBilling.Payments;

/// <summary>What one account (or, as <c>total</c>, every account) still owes in one currency, by aging bucket.</summary>
/// <param name="AccountId">The account, or <c>total</c> on a totals row.</param>
/// <param name="Currency">The row's one currency: every amount is in it.</param>
/// <param name="Amounts">One amount per bucket, in the order of <see cref="AgingReport.Buckets"/>.</param>
/// <remarks>A row never mixes currencies: an amount in another currency than <paramref name="Currency"/> throws when the row is
/// made. On the wire (<see cref="AgingRowJsonConverter"/>) the currency is written once and the amounts as bare numbers.</remarks>
[JsonConverter(typeof(AgingRowJsonConverter))]
public sealed record AgingRow(string AccountId, string Currency, IReadOnlyList<Money> Amounts)
{
    private readonly IReadOnlyList<Money> amounts = InCurrency(Amounts, Currency);

    /// <summary>One amount per bucket, each in <see cref="Currency"/> (checked here too, so <c>with</c> cannot mix them in).</summary>
    public IReadOnlyList<Money> Amounts
    {
        get => amounts;
        init => amounts = InCurrency(value, Currency);
    }

    /// <summary>The sum of the buckets, in <see cref="Currency"/>.</summary>
    public Money Total => Amounts.Aggregate(Money.Zero(Currency), (sum, amount) => sum + amount);

    private static IReadOnlyList<Money> InCurrency(IReadOnlyList<Money> amounts, string currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        foreach (var amount in amounts)
        {
            if (amount.Currency != currency)
            {
                throw new InvalidOperationException($"An aging row in {currency} cannot hold {amount}.");
            }
        }

        return amounts;
    }
}
