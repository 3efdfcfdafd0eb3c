using ServerlessBilling.LocalHost.Bench;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The ingest bench's rate by quarter of a phase: each quarter's events over the time since the quarter before.</summary>
public class PhaseQuartersTests
{
    [Fact]
    public void Rates_EachQuarterReachedAtItsOwnSample_AreItsEventsOverItsOwnTime()
    {
        var quarters = new PhaseQuarters(1_000);

        quarters.Observe(0, TimeSpan.FromSeconds(1));
        quarters.Observe(250, TimeSpan.FromSeconds(2));
        quarters.Observe(499, TimeSpan.FromSeconds(3));
        quarters.Observe(500, TimeSpan.FromSeconds(4.5));
        quarters.Observe(800, TimeSpan.FromSeconds(9.5));
        quarters.Observe(900, TimeSpan.FromSeconds(10));
        quarters.Observe(1_000, TimeSpan.FromSeconds(14.5));

        quarters.Rates().ShouldBe([125.0, 100.0, 50.0, 50.0]);
    }

    [Fact]
    public void Rates_TwoQuartersPassedByOneSample_GiveTheSecondNoRate()
    {
        var quarters = new PhaseQuarters(100);

        quarters.Observe(60, TimeSpan.FromSeconds(2));
        quarters.Observe(100, TimeSpan.FromSeconds(4));

        quarters.Rates().ShouldBe([12.5, null, 12.5, null]);
    }

    [Fact]
    public void Rates_QuartersNotReached_AreUnknown_AndAnOddCountRoundsEachQuarterUp()
    {
        var quarters = new PhaseQuarters(10);

        quarters.Observe(2, TimeSpan.FromSeconds(1));
        quarters.Observe(3, TimeSpan.FromSeconds(2));
        quarters.Observe(5, TimeSpan.FromSeconds(3));

        quarters.Rates().ShouldBe([1.5, 2.0, null, null]);
    }
}
