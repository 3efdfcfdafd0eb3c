using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class RedemptionThrottleTests
{
    private static readonly Instant MinuteStart = Instant.FromUtc(2026, 12, 1, 12, 0);

    [Fact]
    public async Task TryAcquireAsync_BeyondTheMinutesAllowance_IsRefusedUntilTheNextMinute()
    {
        var throttle = new RedemptionThrottle(3, new InMemoryRedemptionWindows());

        var attempts = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            attempts.Add(await throttle.TryAcquireAsync("10.0.0.1", MinuteStart + Duration.FromSeconds(i * 10), default));
        }

        attempts.ShouldBe([true, true, true, false]);
        (await throttle.TryAcquireAsync("10.0.0.1", MinuteStart + Duration.FromSeconds(59), default)).ShouldBeFalse();
        (await throttle.TryAcquireAsync("10.0.0.1", MinuteStart + Duration.FromSeconds(60), default)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryAcquireAsync_OtherClients_CountApart()
    {
        var throttle = new RedemptionThrottle(1, new InMemoryRedemptionWindows());

        (await throttle.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeTrue();
        (await throttle.TryAcquireAsync("10.0.0.2", MinuteStart, default)).ShouldBeTrue();
        (await throttle.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task TryAcquireAsync_TwoInstancesOverTheSameWindows_ShareOneAllowance()
    {
        var shared = new InMemoryRedemptionWindows();
        var (first, second) = (new RedemptionThrottle(3, shared), new RedemptionThrottle(3, shared));

        (await first.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeTrue();
        (await second.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeTrue();
        (await first.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeTrue();
        (await second.TryAcquireAsync("10.0.0.1", MinuteStart, default)).ShouldBeFalse();
    }
}
