using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A CDR batch found claimed by a batch that finished rating is settled without reading its rows; every other claim's rows are
/// read and completed as before.</summary>
public partial class CountedUsageRatingTests
{
    private static readonly CdrBatch FirstDrop = new("asterisk/Master.csv", "\"0x1\"", 1, 3, CdrBatch.WholeWindow);
    private static readonly CdrBatch SecondDrop = new("asterisk/Master-again.csv", "\"0x2\"", 1, 3, CdrBatch.WholeWindow);

    [Theory]
    [InlineData("asterisk/Master.csv", "\"0x1\"", 1L, CdrBatch.WholeWindow)]
    [InlineData("asterisk/a|b.csv", "\"0x8DC1\"", 10001L, 7)]
    [InlineData("f.csv", "\"0x1\"", 101L, null)]
    public void ClaimingBatch_AClaimOfABatchesDelivery_NamesThatBatch(string file, string etag, long firstLine, int? part)
    {
        var batch = new CdrBatch(file, etag, firstLine, firstLine + 99, part);

        var found = FinishedBatches.ClaimingBatch($"{batch.DeliveryName}|asterisk#42").ShouldNotBeNull();

        (found.File, found.ETag, found.Key).ShouldBe((file, etag, batch.Key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("queue-7|retell#0")]
    [InlineData("asterisk/Master.csv|\"0x1\"|1.999999|asterisk")]
    [InlineData("replaced:replace-a|b|1.2|asterisk#0")]
    [InlineData("asterisk/Master.csv|\"0x1\"|first|asterisk#0")]
    public void ClaimingBatch_NoBatchesClaim_IsNull(string? delivery) => FinishedBatches.ClaimingBatch(delivery).ShouldBeNull();

    [Fact]
    public async Task RateMessageAsync_SameLinesUnderAnotherNameAfterTheFirstFinished_DuplicatesWithoutReadingTheirRows()
    {
        var (reading, counted) = Finishing(new CountingLedger(ledger));
        await counted.RateMessageAsync(new RatingMessage(Lines("d"), FirstDrop).ToJson(), CancellationToken.None);

        var again = await counted.RateMessageAsync(new RatingMessage(Lines("d"), SecondDrop).ToJson(), CancellationToken.None);
        var redelivered = await counted.RateMessageAsync(new RatingMessage(Lines("d"), FirstDrop).ToJson(), CancellationToken.None);

        (again, redelivered).ShouldBe((new RatingSummary(0, 3, 0), new RatingSummary(3, 0, 0)));
        reading.Reads.ShouldBe(0);
        (await fileRatings.SumAsync(SecondDrop.File, SecondDrop.ETag, CancellationToken.None)).ShouldBe(new CdrRatingCounts(Duplicates: 3));
    }

    [Fact]
    public async Task RateMessageAsync_FirstDropCrashedBetweenClaimsAndRows_SecondDropReadsAndWritesTheRowsAndTheRetryCountsThem()
    {
        var (reading, counted) = Finishing(new CountingLedger(ledger) { FailRecords = true });
        await Should.ThrowAsync<IOException>(() => counted.RateMessageAsync(new RatingMessage(Lines("c"), FirstDrop).ToJson(), CancellationToken.None));
        reading.FailRecords = false;

        var again = await counted.RateMessageAsync(new RatingMessage(Lines("c"), SecondDrop).ToJson(), CancellationToken.None);
        var retry = await counted.RateMessageAsync(new RatingMessage(Lines("c"), FirstDrop).ToJson(), CancellationToken.None);

        (again, retry).ShouldBe((new RatingSummary(0, 3, 0), new RatingSummary(3, 0, 0)));
        reading.Reads.ShouldBe(6); // three rows read by each: the first drop had not finished
        ledger.All.Select(r => r.Event.EventId).ShouldBe(["c-1", "c-2", "c-3"], ignoreOrder: true);
    }

    [Fact]
    public async Task ReplaceAsync_CrashAfterMovingTheClaimOfAFinishedBatch_NamesTheReplacementSoTheNextDeliveryWritesTheRow()
    {
        var (reading, counted) = Finishing(new CountingLedger(ledger));
        var recording = Recording(reading);
        await counted.RateMessageAsync(new RatingMessage(Lines("r"), FirstDrop).ToJson(), CancellationToken.None);
        var moved = Call("r-1", "asterisk") with { StartedAt = Start - Duration.FromDays(28) }; // a month earlier: another period
        var billed = (await identities.FindAsync(moved.Identity, CancellationToken.None)).ShouldNotBeNull().Billed;
        reading.FailRecords = true;

        await Should.ThrowAsync<IOException>(() => recording.ReplaceAsync(billed, TestPlans.Acme, moved, billed.Charge, CancellationToken.None));
        reading.FailRecords = false;
        var again = await counted.RateMessageAsync(new RatingMessage([moved], SecondDrop).ToJson(), CancellationToken.None);
        await recording.ReplaceAsync(billed, TestPlans.Acme, moved, billed.Charge, CancellationToken.None); // the person repeats it

        (await identities.FindAsync(moved.Identity, CancellationToken.None)).ShouldNotBeNull().Delivery.ShouldBe(UsageRecording.Replacement);
        again.ShouldBe(new RatingSummary(0, 1, 0));
        reading.Reads.ShouldBe(1);
        ledger.All.Where(r => r.Event.EventId == "r-1").Select(r => r.PeriodKey).ShouldBe([TestPlans.Acme.Billing.PeriodContaining(moved.StartedAt).Key]);
    }

    private static List<UsageEvent> Lines(string prefix) => [Call($"{prefix}-1", "asterisk"), Call($"{prefix}-2", "asterisk"), Call($"{prefix}-3", "asterisk")];

    private UsageRecording Recording(IUsageLedger usage)
    {
        var cycles = new InMemoryCycleLedger();
        return new UsageRecording(identities, usage, cycles, new LateUsagePlacement(cycles, usage), quarantine, fileRatings: fileRatings);
    }

    /// <summary>Rating that records each CDR batch's counts after its rows, as the hosts wire it, over a ledger that counts row reads.</summary>
    private (CountingLedger Reading, CountedUsageRating Counted) Finishing(CountingLedger reading)
    {
        var at = Instant.FromUtc(2026, 3, 3, 9, 0);
        var usageRating = new UsageRating(accounts, new Plans(), quarantine, Recording(reading), PlausibilityPolicy.Default, new FakeClock(at));
        return (reading, new CountedUsageRating(usageRating, counters, fileRatings, new FakeClock(at)));
    }

    /// <summary>The in-memory ledger, counting the rows read to check a claim's row and failing every row write while told to (a crash).</summary>
    private sealed class CountingLedger(InMemoryUsageLedger inner) : IUsageLedger
    {
        private int reads;

        public int Reads => reads;

        public bool FailRecords { get; set; }

        public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
            FailRecords ? throw new IOException("The usage table went away.") : inner.TryRecordAsync(usage, cancellationToken);

        public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            return inner.ContainsAsync(accountId, period, identity, cancellationToken);
        }

        public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
            inner.ListAsync(accountId, period, cancellationToken);

        public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) =>
            inner.ListAsync(accountId, period, page, cancellationToken);

        public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListPageAsync(accountId, continuationToken, pageSize, cancellationToken);

        public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListBilledPeriodsAsync(source, month, continuationToken, pageSize, cancellationToken);

        public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.TryIndexSourceAsync(usage, cancellationToken);

        public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListBySourceAsync(period, source, startedIn, continuationToken, pageSize, cancellationToken);

        public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.ReplaceAsync(usage, cancellationToken);

        public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) =>
            inner.RemoveAsync(accountId, periodKey, identity, cancellationToken);
    }
}
