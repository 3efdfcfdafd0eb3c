using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

public class BillingIncrementTests
{
    [Theory]
    [InlineData("60/60", 0, 0)]
    [InlineData("60/60", 1, 60)]
    [InlineData("60/60", 60, 60)]
    [InlineData("60/60", 61, 120)]
    [InlineData("60/60", 83, 120)]
    [InlineData("30/6", 1, 30)]
    [InlineData("30/6", 30, 30)]
    [InlineData("30/6", 31, 36)]
    [InlineData("30/6", 36, 36)]
    [InlineData("30/6", 37, 42)]
    [InlineData("6/6", 7, 12)]
    [InlineData("1/1", 83, 83)]
    [InlineData("60/1", 61, 61)]
    [InlineData("60/1", 59, 60)]
    public void BillableSeconds_Increment_RoundsUpToTheNextStep(string increment, int seconds, int expected)
    {
        BillingIncrement.TryParse(increment, out var parsed).ShouldBeTrue();
        parsed.BillableSeconds(seconds).ShouldBe(expected);
    }

    [Theory]
    [InlineData("60")]
    [InlineData("0/60")]
    [InlineData("60/0")]
    [InlineData("a/b")]
    [InlineData("-1/6")]
    [InlineData("")]
    public void TryParse_Malformed_Fails(string text) => BillingIncrement.TryParse(text, out _).ShouldBeFalse();
}
