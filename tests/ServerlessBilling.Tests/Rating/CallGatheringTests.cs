using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The gathering's mechanics over a write that records what it was given: calls are told apart by their delivery name only.</summary>
public sealed class CallGatheringTests
{
    private readonly List<string[]> written = [];
    private readonly Lock writtenGate = new();
    private TaskCompletionSource? holdFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<string[], Exception?> fail = _ => null;

    [Fact]
    public async Task WriteAsync_MessagesArrivingWhileAWriteIsInFlight_GoTogetherInTheNextEachWithItsOwnOutcomesInOrder()
    {
        var gathering = new CallGathering(WriteAsync);
        var first = gathering.WriteAsync(Calls("m0", 2), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = Enumerable.Range(1, 5).Select(m => gathering.WriteAsync(Calls($"m{m}", m), CancellationToken.None)).ToList();
        await Task.Delay(50);
        Assert.Single(written);
        holdFirst!.SetResult();

        Assert.Equal(Outcomes("m0", 2), await first);
        for (var m = 1; m <= 5; m++)
        {
            Assert.Equal(Outcomes($"m{m}", m), await later[m - 1]);
        }

        Assert.Equal(2, written.Count);
        Assert.Equal(["m0#0", "m0#1"], written[0]);
        Assert.Equal(Enumerable.Range(1, 5).SelectMany(m => Names($"m{m}", m)), written[1]);
        Assert.Equal((6L, 2L), gathering.Gathered);
    }

    [Fact]
    public async Task WriteAsync_ASetOfAloneFromCallsOrMore_IsWrittenOnItsOwnWhileAnotherWriteIsInFlight()
    {
        var gathering = new CallGathering(WriteAsync);
        var first = gathering.WriteAsync(Calls("small", 3), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var held = holdFirst!;
        holdFirst = null;
        var window = await gathering.WriteAsync(Calls("window", CallGathering.AloneFrom), CancellationToken.None);

        Assert.Equal(Outcomes("window", CallGathering.AloneFrom), window);
        Assert.False(first.IsCompleted);
        Assert.Equal(2, written.Count);
        Assert.Equal(CallGathering.AloneFrom, written[1].Length);
        held.SetResult();
        Assert.Equal(Outcomes("small", 3), await first);
    }

    [Fact]
    public async Task WriteAsync_GatheredWriteFails_EachMessageWritesAgainAloneAndOnlyTheOneThatCannotBeWrittenFails()
    {
        var gathering = new CallGathering(WriteAsync);
        var first = gathering.WriteAsync(Calls("m0", 1), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        fail = names => names.Contains("bad#0") ? new InvalidOperationException("refused") : null;
        var good = gathering.WriteAsync(Calls("good", 2), CancellationToken.None);
        var bad = gathering.WriteAsync(Calls("bad", 1), CancellationToken.None);
        await Task.Delay(50);
        holdFirst!.SetResult();

        Assert.Equal(Outcomes("m0", 1), await first);
        Assert.Equal(Outcomes("good", 2), await good);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal("refused", thrown.Message);
        // m0 alone; good and bad together (refused); then each alone: good written, bad refused again.
        Assert.Equal([["m0#0"], ["good#0", "good#1", "bad#0"], ["good#0", "good#1"], ["bad#0"]], written.OrderBy(w => w.Length == 1 && w[0] == "bad#0"));
    }

    [Fact]
    public async Task WriteAsync_OneMessageAloneFails_ItsFailureIsThrownWithoutASecondWrite()
    {
        holdFirst = null;
        fail = _ => new TimeoutException("store gone");
        var gathering = new CallGathering(WriteAsync);

        await Assert.ThrowsAsync<TimeoutException>(() => gathering.WriteAsync(Calls("m0", 2), CancellationToken.None));

        Assert.Single(written);
    }

    [Fact]
    public async Task WriteAsync_MessageCancelledWhileWaiting_IsNotWrittenAndTheOthersAre()
    {
        var gathering = new CallGathering(WriteAsync);
        var first = gathering.WriteAsync(Calls("m0", 1), CancellationToken.None);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var cancelled = gathering.WriteAsync(Calls("stopped", 1), stop.Token);
        var kept = gathering.WriteAsync(Calls("kept", 1), CancellationToken.None);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holdFirst!.SetResult();

        Assert.Equal(Outcomes("kept", 1), await kept);
        Assert.Equal([["m0#0"], ["kept#0"]], written);
        await first;
    }

    private async Task<IReadOnlyList<EventOutcome>> WriteAsync(IReadOnlyList<PricedCall> calls, CancellationToken cancellationToken)
    {
        var names = calls.Select(c => c.Delivery!).ToArray();
        bool isFirst;
        lock (writtenGate)
        {
            isFirst = written.Count == 0;
            written.Add(names);
        }

        if (isFirst && holdFirst is { } hold)
        {
            firstStarted.SetResult();
            await hold.Task;
        }
        else if (isFirst)
        {
            firstStarted.SetResult();
        }

        await Task.Yield();
        return fail(names) is { } failure ? throw failure : names.Select(OutcomeOf).ToList();
    }

    private static List<PricedCall> Calls(string message, int count) => [.. Names(message, count).Select(n => new PricedCall(null!, null!, null!, n))];

    private static IEnumerable<string> Names(string message, int count) => Enumerable.Range(0, count).Select(i => $"{message}#{i}");

    private static List<EventOutcome> Outcomes(string message, int count) => [.. Names(message, count).Select(OutcomeOf)];

    /// <summary>An outcome that differs by position, so a slice handed to the wrong message or out of order shows.</summary>
    private static EventOutcome OutcomeOf(string name) => int.Parse(name[(name.IndexOf('#') + 1)..]) % 2 == 0 ? EventOutcome.Recorded : EventOutcome.Duplicate;
}
