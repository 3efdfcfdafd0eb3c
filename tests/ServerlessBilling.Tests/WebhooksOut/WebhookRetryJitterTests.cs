using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

/// <summary>The jitter moves each wait by at most its fraction either way, reaches near both ends, and is the same for the
/// same seed, delivery and attempt.</summary>
public class WebhookRetryJitterTests
{
    private static readonly string[] Deliveries = [.. Enumerable.Range(0, 2000).Select(i => $"wd_{i:x6}")];

    [Theory]
    [InlineData(1, 54, 66)]
    [InlineData(5, 864, 1056)]
    [InlineData(12, 77760, 95040)]
    [InlineData(13, 77760, 95040)]
    public void DelayAfter_DefaultForManyDeliveries_WithinTenPercentAndReachingNearBothEnds(int attempt, int shortest, int longest)
    {
        var waits = Deliveries.Select(d => WebhookRetrySchedule.Default.DelayAfter(attempt, d)!.Value.TotalSeconds).ToList();

        waits.Min().ShouldBeGreaterThanOrEqualTo(shortest);
        waits.Max().ShouldBeLessThanOrEqualTo(longest);
        waits.Min().ShouldBeLessThan(shortest + (longest - shortest) * 0.02);
        waits.Max().ShouldBeGreaterThan(longest - (longest - shortest) * 0.02);
        waits.ShouldAllBe(w => w == Math.Floor(w));
    }

    [Fact]
    public void DelayAfter_FullJitterAtItsLargest_StaysWithinHalfEitherWay()
    {
        var schedule = WebhookRetrySchedule.Default with { Jitter = 0.5 };

        var waits = Deliveries.Select(d => schedule.DelayAfter(3, d)!.Value).ToList();

        waits.Min().ShouldBeGreaterThanOrEqualTo(Duration.FromMinutes(2));
        waits.Max().ShouldBeLessThanOrEqualTo(Duration.FromMinutes(6));
    }

    [Fact]
    public void DelayAfter_SameSeedDeliveryAndAttempt_SameWait()
    {
        var seeded = WebhookRetrySchedule.Default with { JitterSeed = "test-seed" };

        seeded.DelayAfter(4, "wd_1").ShouldBe(seeded.DelayAfter(4, "wd_1"));
        (WebhookRetrySchedule.Default with { JitterSeed = "test-seed" }).DelayAfter(4, "wd_1").ShouldBe(seeded.DelayAfter(4, "wd_1"));
        Deliveries.Count(d => seeded.DelayAfter(4, d) != WebhookRetrySchedule.Default.DelayAfter(4, d)).ShouldBeGreaterThan(Deliveries.Length / 2);
    }

    [Fact]
    public void DelayAfter_NoJitter_TheBackOffDelay() =>
        Enumerable.Range(1, 13).Select(a => (WebhookRetrySchedule.Default with { Jitter = 0 }).DelayAfter(a, "wd_1"))
            .ShouldBe(Enumerable.Range(1, 13).Select(a => WebhookRetrySchedule.Default.DelayAfter(a)));

    [Fact]
    public void DelayAfter_LastAttempt_IsNull() =>
        WebhookRetrySchedule.Default.DelayAfter(14, "wd_1").ShouldBeNull();

    [Fact]
    public void ShortestSpan_Default_StillCoversThreeDays()
    {
        WebhookRetrySchedule.Default.ShortestSpan.ShouldBe(Duration.FromSeconds(266_058));
        WebhookRetrySchedule.Default.ShortestSpan.ShouldBeGreaterThan(Duration.FromDays(3));
        Deliveries.Take(200).ShouldAllBe(d => Enumerable.Range(1, 13).Sum(a => WebhookRetrySchedule.Default.DelayAfter(a, d)!.Value.TotalSeconds) >= WebhookRetrySchedule.Default.ShortestSpan.TotalSeconds);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.51)]
    [InlineData(double.NaN)]
    public void Jitter_OutOfRange_Throws(double jitter) =>
        Should.Throw<ArgumentOutOfRangeException>(() => WebhookRetrySchedule.Default with { Jitter = jitter });
}
