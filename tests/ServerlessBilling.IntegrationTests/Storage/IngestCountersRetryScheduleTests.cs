using CsCheck;
using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Rating counts each message once however the queue retries it: generated schedules of attempts, each of which may crash
/// before its counts are written or after (before the message is completed, so it comes back), against the table on Azurite.
/// A crash loses the process, so the next attempt runs on a new adapter that knows no row or ETag and may draw another shard.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestCountersRetryScheduleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly LocalDate Day = new(2026, 5, 14);

    private readonly ScratchTables storage = new(azurite);

    /// <summary>Where an attempt stops: it crashes before counting, crashes after counting (the queue delivers it again), or completes.</summary>
    private enum Stop
    {
        CrashBeforeCount,
        CrashAfterCount,
        Complete,
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task AddOnceAsync_GeneratedRetrySchedules_CountEachMessageOnce()
    {
        var counts = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 2], (rated, duplicates, held) => new IngestCounts(Rated: rated, Duplicates: duplicates, Held: held));
        var gen =
            from messages in counts.Array[1, 6]
            from attempts in Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2].Select(i => (Stop)i)).Array[0, 14]
            select (messages, attempts);

        await storage.ReadyAsync(new TableIngestCounters(storage));
        await gen.SampleAsync(async sample =>
        {
            var (messages, attempts) = sample;
            var source = $"sched-{Guid.NewGuid():N}"[..20];
            IIngestCounters process = new TableIngestCounters(storage);
            var completed = new bool[messages.Length];
            var schedule = attempts.Where(a => a.Item1 < messages.Length)
                .Concat(Enumerable.Range(0, messages.Length).Select(m => (m, Stop.Complete)));
            foreach (var (message, stop) in schedule)
            {
                if (completed[message])
                {
                    continue; // the queue delivers a completed message no more
                }

                if (stop != Stop.CrashBeforeCount)
                {
                    await process.AddOnceAsync(source, Day, messages[message], $"msg-{message}|{source}", default);
                }

                if (stop == Stop.Complete)
                {
                    completed[message] = true;
                }
                else
                {
                    process = new TableIngestCounters(storage);
                }
            }

            var counted = (await process.ListAsync(source, Day, Day, default)).Aggregate(IngestCounts.None, (sum, part) => sum.Plus(part.Counts));
            counted.ShouldBe(messages.Aggregate(IngestCounts.None, (sum, once) => sum.Plus(once)));
        }, iter: 60, threads: 1, print: s => $"messages=[{string.Join("; ", s.messages)}] attempts=[{string.Join(", ", s.attempts)}]");
    }
}
