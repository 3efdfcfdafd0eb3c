namespace ServerlessBilling.Tests;

public class MoneyTests
{
    [Theory]
    [InlineData("0.005", RoundingMode.HalfUp, "0.01")]
    [InlineData("0.005", RoundingMode.HalfEven, "0.00")]
    [InlineData("0.015", RoundingMode.HalfEven, "0.02")]
    [InlineData("0.0049", RoundingMode.HalfUp, "0.00")]
    [InlineData("0.001", RoundingMode.Up, "0.01")]
    [InlineData("0.019", RoundingMode.Down, "0.01")]
    [InlineData("-0.005", RoundingMode.HalfUp, "-0.01")]
    [InlineData("-0.001", RoundingMode.Up, "-0.01")]
    [InlineData("1.10", RoundingMode.Up, "1.10")]
    public void RoundToMinorUnit_NamedMode_RoundsAtTheEdge(string amount, RoundingMode mode, string expected) =>
        new Money(decimal.Parse(amount), "USD").RoundToMinorUnit(mode).Amount.ShouldBe(decimal.Parse(expected));

    [Fact]
    public void RoundToMinorUnit_ZeroDecimalCurrency_RoundsToWholeUnits() =>
        new Money(100.5m, "JPY").RoundToMinorUnit(RoundingMode.HalfUp).Amount.ShouldBe(101m);

    [Fact]
    public void Add_DifferentCurrencies_Throws() =>
        Should.Throw<InvalidOperationException>(() => new Money(1m, "USD") + new Money(1m, "EUR"));

    [Fact]
    public void ToMinorUnits_UnroundedAmount_Throws()
    {
        new Money(12.34m, "USD").ToMinorUnits().ShouldBe(1234);
        Should.Throw<InvalidOperationException>(() => new Money(12.345m, "USD").ToMinorUnits());
    }
}
