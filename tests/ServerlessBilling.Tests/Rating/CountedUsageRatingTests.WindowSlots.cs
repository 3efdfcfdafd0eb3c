using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Rating;

public partial class CountedUsageRatingTests
{
    [Fact]
    public async Task RateMessageAsync_ThreeWindowsWithTwoSlots_ReadsTwoAtOnceThenTheThirdAndCountsEachOnce()
    {
        var windows = new GatedCdrWindows();
        var windowed = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, clock, windows, windowsAtOnce: 2);
        var messages = new List<string>();
        for (var w = 0; w < 3; w++)
        {
            var name = $"asterisk/Slots.csv/0x4/{w}";
            await windows.Inner.SaveAsync(name, [Call($"slot-{w}-a", "asterisk"), Call($"slot-{w}-b", "asterisk")], CancellationToken.None);
            messages.Add(new RatingMessage([], new CdrBatch("asterisk/Slots.csv", "\"0x4\"", (w * 2) + 1, (w * 2) + 2, CdrBatch.WholeWindow)) { Window = name }.ToJson());
        }

        var rated = messages.Select(m => windowed.RateMessageAsync(m, CancellationToken.None)).ToList();
        await windows.WaitForReadsAsync(2);
        await Task.Delay(100); // the third would start its read within this if it were not waiting for a slot
        windows.ReadsStarted.ShouldBe(2);

        windows.Open();
        var summaries = await Task.WhenAll(rated);

        windows.ReadsStarted.ShouldBe(3);
        summaries.ShouldAllBe(s => s == new RatingSummary(2, 0, 0));
        (await fileRatings.SumAsync("asterisk/Slots.csv", "\"0x4\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 6));
        counters.Of("asterisk").ShouldBe(new IngestCounts(Rated: 6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Constructor_WindowsAtOnceOutsideOneToEight_Throws(int windowsAtOnce) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, clock, new InMemoryCdrWindows(), windowsAtOnce));

    /// <summary>Saved windows whose reads all wait at their start until <see cref="Open"/>, counting the reads started.</summary>
    private sealed class GatedCdrWindows : ICdrWindows
    {
        // Once open, the windows go on at once on the test runner's threads, so the in-memory ports they write are thread-safe.
        private readonly TaskCompletionSource gate = new();
        private int started;

        public InMemoryCdrWindows Inner { get; } = new();

        public int ReadsStarted => Volatile.Read(ref started);

        public void Open() => gate.TrySetResult();

        public async Task WaitForReadsAsync(int reads)
        {
            while (ReadsStarted < reads)
            {
                await Task.Delay(5);
            }
        }

        public Task SaveAsync(string name, IEnumerable<UsageEvent> events, CancellationToken cancellationToken) => Inner.SaveAsync(name, events, cancellationToken);

        public async IAsyncEnumerable<UsageEvent> ReadAsync(string name, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref started);
            await gate.Task.WaitAsync(cancellationToken);
            await foreach (var usage in Inner.ReadAsync(name, cancellationToken))
            {
                yield return usage;
            }
        }
    }
}
