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

    // Stages written "after:next;after:next". Each step is as long as the stage in force where the step starts.
    [Theory]
    [InlineData("30/30", "60:10", 0, 0)]
    [InlineData("30/30", "60:10", 1, 30)]
    [InlineData("30/30", "60:10", 30, 30)]
    [InlineData("30/30", "60:10", 31, 60)]
    [InlineData("30/30", "60:10", 45, 60)]   // where 30/10 bills 50
    [InlineData("30/30", "60:10", 60, 60)]
    [InlineData("30/30", "60:10", 61, 70)]
    [InlineData("30/30", "60:10", 71, 80)]
    [InlineData("30/30", "45:10", 31, 60)]   // the step from 30 s started before the stage: it stays 30 s long
    [InlineData("30/30", "45:10", 61, 70)]
    [InlineData("40/40", "60:10", 50, 80)]   // overshoots the stage boundary
    [InlineData("40/40", "60:10", 81, 90)]
    [InlineData("60/60", "30:6", 59, 60)]    // a stage inside the first step changes only later steps
    [InlineData("60/60", "30:6", 61, 66)]
    [InlineData("30/6", "60:60", 58, 60)]
    [InlineData("30/6", "60:60", 61, 120)]
    [InlineData("30/30", "60:10;120:60", 95, 100)]
    [InlineData("30/30", "60:10;120:60", 119, 120)]
    [InlineData("30/30", "60:10;120:60", 121, 180)]
    public void BillableSeconds_WithStages_ChangesTheStepAfterEachStage(string increment, string stages, int seconds, int expected)
    {
        BillingIncrement.TryParse(increment, out var parsed).ShouldBeTrue();
        var list = stages.Split(';').Select(s => s.Split(':')).Select(p => new IncrementStage(int.Parse(p[0]), int.Parse(p[1]))).ToList();

        parsed.BillableSeconds(seconds, list).ShouldBe(expected);
        IncrementEnds(parsed, list, expected).ShouldContain(expected);
    }

    [Theory]
    [InlineData("30/6", 0, 30)]
    [InlineData("30/6", 30, 36)]
    [InlineData("30/6", 59, 65)]
    public void IncrementEnd_WithoutStages_IsFirstThenNext(string increment, int at, int expected)
    {
        BillingIncrement.TryParse(increment, out var parsed).ShouldBeTrue();
        parsed.IncrementEnd(at, null).ShouldBe(expected);
    }

    /// <summary>Walking the increments one by one reaches every billable time the closed form gives.</summary>
    private static List<int> IncrementEnds(BillingIncrement increment, List<IncrementStage> stages, int until)
    {
        var ends = new List<int>();
        for (var at = 0; at < until;)
        {
            at = increment.IncrementEnd(at, stages);
            ends.Add(at);
        }

        return ends.Count == 0 ? [0] : ends;
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
