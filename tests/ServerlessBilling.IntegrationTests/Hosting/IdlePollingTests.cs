using Microsoft.Extensions.Time.Testing;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Hosting;

/// <summary>The local host's listeners look at an empty queue less and less often, as the Functions host's queue trigger does, and
/// within the poll interval when this process has put work there. A fake clock: the waits are counted exactly.</summary>
public sealed class IdlePollingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task WaitAsync_QueueStaysEmptyForAMinute_LooksThinOutToOneEveryMaximum()
    {
        var time = new FakeTimeProvider();
        var polling = new IdlePolling(Interval, Maximum, time);
        var started = time.GetUtcNow();
        var looks = new List<TimeSpan>();

        while (time.GetUtcNow() - started <= TimeSpan.FromMinutes(1))
        {
            looks.Add(time.GetUtcNow() - started);
            polling.Empty();
            await WaitOutAsync(polling, time);
        }

        // 0.5, 1, 2, 4 s, then every 5 s: 15 looks in the minute where a fixed 500 ms poll made 121.
        Assert.Equal(new double[] { 0, 0.5, 1.5, 3.5, 7.5, 12.5, 17.5, 22.5, 27.5, 32.5, 37.5, 42.5, 47.5, 52.5, 57.5 }, looks.Select(l => l.TotalSeconds));
    }

    [Fact]
    public async Task Found_AfterALongIdle_NextWaitIsTheIntervalAgainThenDoubles()
    {
        var time = new FakeTimeProvider();
        var polling = new IdlePolling(Interval, Maximum, time);
        for (var i = 0; i < 10; i++)
        {
            polling.Empty();
            await WaitOutAsync(polling, time);
        }

        Assert.Equal(Maximum, polling.NextWait);
        polling.Found();
        Assert.Equal(Interval, polling.NextWait);
        polling.Empty();
        Assert.Equal(Interval, polling.NextWait);
        polling.Empty();
        Assert.Equal(TimeSpan.FromSeconds(1), polling.NextWait);
    }

    [Fact]
    public async Task Wake_WhileWaitingAtTheMaximum_EndsTheWaitOnceThePollIntervalHasPassed()
    {
        var time = new FakeTimeProvider();
        var polling = new IdlePolling(Interval, Maximum, time);
        for (var i = 0; i < 10; i++)
        {
            polling.Empty();
        }

        var wait = polling.WaitAsync(null, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(200));
        polling.Wake();
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);

        time.Advance(Interval - TimeSpan.FromMilliseconds(200) - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Wake_AfterThePollInterval_EndsTheWaitAtOnce()
    {
        var time = new FakeTimeProvider();
        var polling = new IdlePolling(Interval, Maximum, time);
        for (var i = 0; i < 10; i++)
        {
            polling.Empty();
        }

        var wait = polling.WaitAsync(null, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(wait.IsCompleted);
        var before = time.GetUtcNow();

        polling.Wake();

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(before, time.GetUtcNow());
    }

    [Fact]
    public async Task Wake_WhileTheListenerLooks_IsKeptForItsNextWaitOnly()
    {
        var time = new FakeTimeProvider();
        var polling = new IdlePolling(Interval, Maximum, time);
        for (var i = 0; i < 10; i++)
        {
            polling.Empty();
        }

        // Put while the listener was looking (no wait in progress): the next wait ends after the poll interval, not the maximum;
        // the one after waits the maximum again.
        polling.Wake();
        var first = polling.WaitAsync(null, CancellationToken.None);
        Assert.False(first.IsCompleted);
        time.Advance(Interval);
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        var second = polling.WaitAsync(null, CancellationToken.None);
        time.Advance(Maximum - TimeSpan.FromMilliseconds(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var polling = new IdlePolling(Interval, Maximum, new FakeTimeProvider());
        using var stop = new CancellationTokenSource();
        var wait = polling.WaitAsync(null, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Lets exactly the wait the schedule asks for pass on the fake clock.</summary>
    private static async Task WaitOutAsync(IdlePolling polling, FakeTimeProvider time)
    {
        var due = polling.NextWait;
        var wait = polling.WaitAsync(null, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        time.Advance(due - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
