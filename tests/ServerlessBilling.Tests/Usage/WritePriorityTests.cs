using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Usage;

/// <summary>Rating's bulk writes make way for waiting webhook deliveries: unbounded when none waits, four at a time while one does.</summary>
public class WritePriorityTests
{
    [Fact]
    public async Task BulkWriteAsync_NoDeliveryWaiting_NeedsNoTurn()
    {
        var priority = new WritePriority();

        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => priority.BulkWriteAsync(CancellationToken.None).AsTask()));

        turns.ShouldAllBe(turn => turn == null);
    }

    [Fact]
    public async Task BulkWriteAsync_DeliveryWaiting_LetsFourAtATimeUntilOneIsDone()
    {
        var priority = new WritePriority();
        using var waiting = priority.DeliveryWaiting();

        var held = new List<IDisposable>();
        for (var i = 0; i < WritePriority.BulkWritesWhileWaiting; i++)
        {
            held.Add((await priority.BulkWriteAsync(CancellationToken.None)).ShouldNotBeNull());
        }

        var fifth = priority.BulkWriteAsync(CancellationToken.None).AsTask();
        fifth.IsCompleted.ShouldBeFalse();
        held[0].Dispose();
        held[0].Dispose(); // a turn is given back once
        (await fifth).ShouldNotBeNull();
        var sixth = priority.BulkWriteAsync(CancellationToken.None).AsTask();
        sixth.IsCompleted.ShouldBeFalse();
        held[1].Dispose();
        (await sixth).ShouldNotBeNull();
    }

    [Fact]
    public async Task BulkWriteAsync_WidthOneWhileADeliveryWaits_LetsOneAtATimeAndNoneNeedsATurnOnceItIsAnswered()
    {
        var priority = new WritePriority(width: 1);
        var waiting = priority.DeliveryWaiting();

        var first = (await priority.BulkWriteAsync(CancellationToken.None)).ShouldNotBeNull();
        var second = priority.BulkWriteAsync(CancellationToken.None).AsTask();
        second.IsCompleted.ShouldBeFalse();
        first.Dispose();
        (await second).ShouldNotBeNull().Dispose();
        waiting.Dispose();

        (await priority.BulkWriteAsync(CancellationToken.None)).ShouldBeNull();
        priority.Width.ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(WritePriority.MaxWidth + 1)]
    public void Constructor_WidthOutOfRange_Throws(int width) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new WritePriority(width)).ParamName.ShouldBe("width");

    [Fact]
    public void DeliveryWaiting_Disposed_CountsTheDeliveriesStillWaiting()
    {
        var priority = new WritePriority();

        var first = priority.DeliveryWaiting();
        var second = priority.DeliveryWaiting();
        first.Dispose();
        first.Dispose();

        priority.Waiting.ShouldBe(1);
        second.Dispose();
        priority.Waiting.ShouldBe(0);
    }
}
