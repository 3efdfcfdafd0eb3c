using CsCheck;

namespace ServerlessBilling.Tests;

public class MoneyAllocationTests
{
    [Theory]
    [InlineData("10.00", "USD", new[] { "1", "1", "1" }, new[] { "3.34", "3.33", "3.33" })]
    [InlineData("0.05", "USD", new[] { "1", "1", "1" }, new[] { "0.02", "0.02", "0.01" })]
    [InlineData("-10.00", "USD", new[] { "1", "1", "1" }, new[] { "-3.34", "-3.33", "-3.33" })]
    [InlineData("0.05", "USD", new[] { "3", "7" }, new[] { "0.02", "0.03" })]
    [InlineData("100.00", "USD", new[] { "0.5", "0.25", "0.25" }, new[] { "50.00", "25.00", "25.00" })]
    [InlineData("0.10", "USD", new[] { "1", "0", "1" }, new[] { "0.05", "0.00", "0.05" })]
    [InlineData("0.01", "USD", new[] { "0", "1", "1" }, new[] { "0.00", "0.01", "0.00" })]
    [InlineData("0.00", "USD", new[] { "2", "1" }, new[] { "0.00", "0.00" })]
    [InlineData("1.00", "USD", new[] { "1", "2", "2" }, new[] { "0.20", "0.40", "0.40" })]
    [InlineData("1.01", "USD", new[] { "1", "2", "2" }, new[] { "0.20", "0.41", "0.40" })]
    [InlineData("100", "JPY", new[] { "1", "1", "1" }, new[] { "34", "33", "33" })]
    [InlineData("1.000", "KWD", new[] { "1", "1", "1" }, new[] { "0.334", "0.333", "0.333" })]
    [InlineData("7.00", "EUR", new[] { "1" }, new[] { "7.00" })]
    public void Allocate_Ratios_PartsSumToTheWholeWithTheExtraMinorUnitsWhereTruncationCutMost(string amount, string currency, string[] ratios, string[] expected)
    {
        var parts = new Money(decimal.Parse(amount), currency).Allocate([.. ratios.Select(decimal.Parse)]);

        parts.ShouldBe([.. expected.Select(e => new Money(decimal.Parse(e), currency))]);
    }

    [Theory]
    [InlineData("10.00", 3, new[] { "3.34", "3.33", "3.33" })]
    [InlineData("0.02", 3, new[] { "0.01", "0.01", "0.00" })]
    [InlineData("-0.02", 3, new[] { "-0.01", "-0.01", "0.00" })]
    [InlineData("9.99", 1, new[] { "9.99" })]
    public void Split_EqualParts_FirstPartsCarryTheExtraCents(string amount, int parts, string[] expected) =>
        new Money(decimal.Parse(amount), "USD").Split(parts).ShouldBe([.. expected.Select(e => new Money(decimal.Parse(e), "USD"))]);

    [Fact]
    public void Allocate_NoRatios_Throws() =>
        Should.Throw<ArgumentException>(() => new Money(1m, "USD").Allocate());

    [Fact]
    public void Allocate_NegativeRatio_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Money(1m, "USD").Allocate(1m, -1m));

    [Fact]
    public void Allocate_AllRatiosZero_Throws() =>
        Should.Throw<ArgumentException>(() => new Money(1m, "USD").Allocate(0m, 0m));

    [Fact]
    public void Allocate_AmountFinerThanTheMinorUnit_Throws() =>
        Should.Throw<InvalidOperationException>(() => new Money(0.005m, "USD").Allocate(1m, 1m));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Split_NoParts_Throws(int parts) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Money(1m, "USD").Split(parts));

    [Fact]
    public void Allocate_AnyAmountAndRatios_PartsSumToTheWholeEachWithinOneMinorUnitOfItsShare()
    {
        var currencies = Gen.OneOf("USD", "JPY", "KWD");
        var ratios = Gen.Int[0, 10_000].Select(r => r / 100m).Array[1, 12].Where(r => r.Any(x => x > 0m));
        Gen.Select(Gen.Long[-10_000_000_000, 10_000_000_000], currencies, ratios).Sample((minorUnits, currency, weights) =>
        {
            var unit = 1m / CurrencyInfo.MinorUnitFactor(currency);
            var whole = new Money(minorUnits * unit, currency);

            var parts = whole.Allocate(weights);

            parts.Count.ShouldBe(weights.Length);
            parts.Aggregate(Money.Zero(currency), (sum, part) => sum + part).ShouldBe(whole);
            for (var i = 0; i < parts.Count; i++)
            {
                var exactShare = whole.Amount * weights[i] / weights.Sum();
                Math.Abs(parts[i].Amount - exactShare).ShouldBeLessThan(unit);
                (parts[i].Amount % unit).ShouldBe(0m);
                if (weights[i] == 0m)
                {
                    parts[i].Amount.ShouldBe(0m);
                }
            }
        });
    }
}
