using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class RedemptionThrottleTests
{
    private static readonly Instant MinuteStart = Instant.FromUtc(2026, 12, 1, 12, 0);

    [Fact]
    public void TryAcquire_BeyondTheMinutesAllowance_IsRefusedUntilTheNextMinute()
    {
        var throttle = new RedemptionThrottle(3);

        var attempts = Enumerable.Range(0, 4).Select(i => throttle.TryAcquire("10.0.0.1", MinuteStart + Duration.FromSeconds(i * 10))).ToList();

        attempts.ShouldBe([true, true, true, false]);
        throttle.TryAcquire("10.0.0.1", MinuteStart + Duration.FromSeconds(59)).ShouldBeFalse();
        throttle.TryAcquire("10.0.0.1", MinuteStart + Duration.FromSeconds(60)).ShouldBeTrue();
    }

    [Fact]
    public void TryAcquire_OtherClients_CountApart()
    {
        var throttle = new RedemptionThrottle(1);

        throttle.TryAcquire("10.0.0.1", MinuteStart).ShouldBeTrue();
        throttle.TryAcquire("10.0.0.2", MinuteStart).ShouldBeTrue();
        throttle.TryAcquire("10.0.0.1", MinuteStart).ShouldBeFalse();
    }
}
