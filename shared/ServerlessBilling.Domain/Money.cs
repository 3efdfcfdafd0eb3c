namespace ServerlessBilling;

/// <summary>An exact amount in one currency.</summary>
/// <remarks>
/// Arithmetic keeps every decimal place; rounding to the currency's minor unit happens only where a
/// named <see cref="RoundingMode"/> is applied (once per invoice line, once per tax line).
/// Mixing currencies is a bug and throws. <see cref="Allocate"/> and <see cref="Split"/> divide an amount without
/// losing or inventing a minor unit.
/// </remarks>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator -(Money money) => new(-money.Amount, money.Currency);

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

    /// <summary>Splits the amount into parts proportional to <paramref name="ratios"/>, each a whole number of minor units, that sum exactly to it.</summary>
    /// <remarks>
    /// Each part starts as its exact share truncated towards zero to the minor unit. The minor units this leaves over
    /// (fewer than the number of parts) go one each to the parts that truncation cut the most, the earlier part first
    /// among equals. So every part is less than one minor unit from its exact share, a part with ratio zero gets exactly
    /// zero, and a negative amount splits as the mirror image of its positive (-0.10 USD over 1:1:1 is -0.04, -0.03, -0.03).
    /// The amount must already be whole minor units: round it first with a named <see cref="RoundingMode"/>.
    /// </remarks>
    /// <param name="ratios">One weight per part, zero or positive, at least one positive; only their proportions matter.</param>
    /// <exception cref="ArgumentException">No ratios, a negative ratio, or every ratio zero.</exception>
    /// <exception cref="InvalidOperationException">The amount has more precision than the currency's minor unit.</exception>
    public IReadOnlyList<Money> Allocate(params IReadOnlyList<decimal> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count == 0)
        {
            throw new ArgumentException("At least one ratio is needed.", nameof(ratios));
        }

        if (ratios.Any(r => r < 0m))
        {
            throw new ArgumentOutOfRangeException(nameof(ratios), "Ratios cannot be negative.");
        }

        // Whole-number weights, so each share and what truncation cuts from it are computed and compared exactly.
        var scale = ratios.Max(r => r.Scale);
        var weights = ratios.Select(r => r * PowerOfTen(scale)).ToArray();
        var total = weights.Sum();
        if (total == 0m)
        {
            throw new ArgumentException("At least one ratio must be positive.", nameof(ratios));
        }

        var whole = ToMinorUnits();
        var units = Math.Abs(whole);
        var shares = new long[weights.Length];
        var cut = new decimal[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var product = units * weights[i];
            cut[i] = product % total;
            shares[i] = (long)((product - cut[i]) / total);
        }

        var leftOver = units - shares.Sum();
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => cut[i]).ThenBy(i => i).Take((int)leftOver))
        {
            shares[i]++;
        }

        var sign = whole < 0 ? -1 : 1;
        var factor = CurrencyInfo.MinorUnitFactor(Currency);
        var currency = Currency;
        return [.. shares.Select(s => new Money(sign * s / factor, currency))];
    }

    /// <summary>Splits the amount into <paramref name="parts"/> equal parts of whole minor units that sum exactly to it; the first parts carry the extra minor units.</summary>
    /// <remarks>10.00 USD in three is 3.34, 3.33, 3.33; see <see cref="Allocate"/>.</remarks>
    public IReadOnlyList<Money> Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        return Allocate([.. Enumerable.Repeat(1m, parts)]);
    }

    public override string ToString() => $"{Amount} {Currency}";

    private static decimal PowerOfTen(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10m;
        }

        return power;
    }

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
