namespace ServerlessBilling;

/// <summary>An exact amount in one currency.</summary>
/// <remarks>
/// Arithmetic keeps every decimal place; rounding to the currency's minor unit happens only where a
/// named <see cref="RoundingMode"/> is applied (once per invoice line, once per tax line).
/// Mixing currencies is a bug and throws.
/// </remarks>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    /// <summary>Rounds to the currency's minor unit (2 places for USD, 0 for JPY).</summary>
    public Money RoundToMinorUnit(RoundingMode mode) =>
        new(Rounding.Round(Amount, CurrencyInfo.MinorUnits(Currency), mode), Currency);

    /// <summary>The amount in minor units (cents); throws if the amount is not already rounded to them.</summary>
    public long ToMinorUnits()
    {
        var scaled = Amount * CurrencyInfo.MinorUnitFactor(Currency);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new InvalidOperationException($"{this} has more precision than the currency's minor unit.");
        }

        return (long)scaled;
    }

    public override string ToString() => $"{Amount} {Currency}";

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
