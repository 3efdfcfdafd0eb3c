using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.PortContracts;

/// <summary>Redemption windows: each attempt counts once in its client's minute; a later minute starts again; clients are apart; attempts at
/// once are each counted, none lost.</summary>
public abstract class RedemptionWindowsContract : PortContract<IRedemptionWindows>
{
    private const long Minute = 29_850_000;

    [Fact]
    public async Task CountAsync_SameMinute_CountsUp_ANewMinuteStartsAgain()
    {
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(1);
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(2);
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(3);

        (await Port.CountAsync("10.0.0.1", Minute + 1, default)).ShouldBe(1);
        (await Port.CountAsync("10.0.0.1", Minute + 1, default)).ShouldBe(2);
    }

    [Fact]
    public async Task CountAsync_OtherClients_CountApart()
    {
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(1);
        (await Port.CountAsync("2001:db8::7", Minute, default)).ShouldBe(1);
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(2);
    }

    [Fact]
    public async Task ForgetEndedAsync_DeletesTheWindowsThatEnded_AndTheCurrentOneKeepsItsCountAndLimit()
    {
        var throttle = new RedemptionThrottle(3, Port);
        var now = Instant.FromUnixTimeSeconds((Minute + 10) * 60);
        (await Port.CountAsync("10.0.0.1", Minute, default)).ShouldBe(1);
        (await Port.CountAsync("10.0.0.2", Minute + 4, default)).ShouldBe(1);
        (await Port.CountAsync("10.0.0.4", Minute + 5, default)).ShouldBe(1);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await throttle.TryAcquireAsync("10.0.0.3", now, default)).ShouldBeTrue();
        }

        // Five minutes' margin: the windows before minute +5 are deleted, the one at +5 (an instance a little behind) and the current one kept.
        (await throttle.ForgetEndedAsync(now, default)).ShouldBe(2);
        (await throttle.ForgetEndedAsync(now, default)).ShouldBe(0);

        (await throttle.TryAcquireAsync("10.0.0.3", now, default)).ShouldBeFalse();
        (await Port.CountAsync("10.0.0.3", Minute + 10, default)).ShouldBe(5);
        (await Port.CountAsync("10.0.0.4", Minute + 5, default)).ShouldBe(2);
        (await Port.CountAsync("10.0.0.1", Minute + 10, default)).ShouldBe(1);
    }

    [Fact]
    public async Task CountAsync_AllAtOnce_CountsEachAttemptOnce()
    {
        var counts = await AllAtOnceAsync(8, _ => Port.CountAsync("10.0.0.9", Minute, default));

        counts.Order().ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        (await Port.CountAsync("10.0.0.9", Minute, default)).ShouldBe(9);
    }
}
