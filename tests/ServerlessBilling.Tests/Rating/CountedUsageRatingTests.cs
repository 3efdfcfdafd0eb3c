using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Usage;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;


namespace ServerlessBilling.Tests.Rating;

public partial class CountedUsageRatingTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);
    private readonly InMemoryAccountDirectory accounts = new();
    private readonly InMemoryUsageLedger ledger = new();
    private readonly Quarantine quarantine = new();
    private readonly InMemoryIngestCounters counters = new();
    private readonly InMemoryCdrFileRatings fileRatings = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 3, 3, 9, 0));
    private readonly CountedUsageRating rating;

    public CountedUsageRatingTests()
    {
        accounts.SetAsync(TestPlans.Acme, CancellationToken.None);
        accounts.AssignNumberAsync(new NumberAssignment("+18885550100", TestPlans.Acme.Id, NumberType.TollFree, new LocalDate(2026, 1, 1)), CancellationToken.None);
        rating = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, clock);
    }

    private static UsageEvent Call(string id, string source, string to = "+18885550100") =>
        TestPlans.Call(id, Start, 60) with { Source = source, To = to };

    [Fact]
    public async Task RateMessageAsync_MixedSources_OneIncrementPerSourceWithRatedDuplicatesAndQuarantined()
    {
        await rating.RateMessageAsync(new RatingMessage([Call("a-1", "asterisk")]).ToJson(), CancellationToken.None);
        counters.Increments.Clear();

        var summary = await rating.RateMessageAsync(
            new RatingMessage([Call("a-1", "asterisk"), Call("a-2", "asterisk"), Call("a-3", "asterisk", to: "+18885550199"), Call("r-1", "retell")]).ToJson(),
            CancellationToken.None);

        summary.ShouldBe(new RatingSummary(Rated: 2, Duplicates: 1, Quarantined: 1, Unattributed: 1));
        counters.Increments.Count.ShouldBe(2);
        counters.Of("asterisk").ShouldBe(new IngestCounts(Rated: 1, Duplicates: 1, Quarantined: 1, Unattributed: 1));
        counters.Of("retell").ShouldBe(new IngestCounts(Rated: 1));
        counters.Increments.ShouldAllBe(i => i.Day == new LocalDate(2026, 3, 3));
    }

    [Fact]
    public async Task RateMessageAsync_UnreadableBody_CountsOneQuarantinedOnTheRatingQueue()
    {
        await rating.RateMessageAsync("not json", CancellationToken.None);

        counters.Of(CountedUsageRating.UnreadableMessageSource).ShouldBe(new IngestCounts(Quarantined: 1));
    }

    [Fact]
    public async Task RateMessageAsync_UnreadableBodyRetriedAfterMidnight_CountsOnceOnTheDayTheQueueTookItIn()
    {
        var queuedAt = Instant.FromUtc(2026, 3, 3, 23, 59, 30);
        clock.Reset(queuedAt.Plus(Duration.FromSeconds(10)));
        await rating.RateMessageAsync("not json", queuedAt, CancellationToken.None);
        clock.Reset(Instant.FromUtc(2026, 3, 4, 0, 0, 40)); // the queue delivers it again after midnight

        await rating.RateMessageAsync("not json", queuedAt, CancellationToken.None);

        var increment = counters.Increments.ShouldHaveSingleItem();
        (increment.Source, increment.Day, increment.Counts).ShouldBe(
            (CountedUsageRating.UnreadableMessageSource, new LocalDate(2026, 3, 3), new IngestCounts(Quarantined: 1)));
    }

    [Fact]
    public async Task RateMessageAsync_FromACdrFile_CountsRatedDuplicateUnattributedAndUnpricedAgainstTheFileOnce()
    {
        await accounts.SetAsync(TestPlans.Acme with { Id = "no-plan", PlanId = "missing" }, CancellationToken.None);
        await accounts.AssignNumberAsync(new NumberAssignment("+18885550177", "no-plan", NumberType.TollFree, new LocalDate(2026, 1, 1)), CancellationToken.None);
        var lines = new CdrBatch("asterisk/Master.csv", "\"0x1\"", 1, 5);
        var message = new RatingMessage(
            [Call("f-1", "asterisk"), Call("f-1", "asterisk"), Call("f-2", "asterisk", to: "+18885550199"), Call("f-3", "asterisk", to: "+18885550177"), Call("f-4", "asterisk")],
            lines).ToJson();

        await rating.RateMessageAsync(message, CancellationToken.None);
        await rating.RateMessageAsync(message, CancellationToken.None); // the queue delivers it again

        (await fileRatings.SumAsync(lines.File, lines.ETag, CancellationToken.None))
            .ShouldBe(new CdrRatingCounts(Rated: 2, Duplicates: 1, Unattributed: 1, Unpriced: 1));
    }

    [Fact]
    public async Task RateMessageAsync_PartsOfOneCdrWindow_CountsEachPartOnceAgainstTheFileAndItsSource()
    {
        var first = new RatingMessage([Call("w-1", "asterisk"), Call("w-2", "asterisk")], new CdrBatch("asterisk/Master.csv", "\"0x1\"", 1, 4, Part: 0)).ToJson();
        var second = new RatingMessage([Call("w-3", "asterisk"), Call("w-4", "asterisk", to: "+18885550199")], new CdrBatch("asterisk/Master.csv", "\"0x1\"", 1, 9, Part: 1)).ToJson();

        await rating.RateMessageAsync(first, CancellationToken.None);
        await rating.RateMessageAsync(second, CancellationToken.None);
        await rating.RateMessageAsync(second, CancellationToken.None); // the queue delivers the second part again

        (await fileRatings.SumAsync("asterisk/Master.csv", "\"0x1\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 3, Unattributed: 1));
        counters.Of("asterisk").ShouldBe(new IngestCounts(Quarantined: 1, Rated: 3, Unattributed: 1));
        (await ledger.ListAsync(TestPlans.Acme.Id, TestPlans.Acme.Billing.PeriodContaining(Start), CancellationToken.None)).Select(r => r.Event.EventId)
            .ShouldBe(["w-1", "w-2", "w-3"], ignoreOrder: true);
    }

    [Fact]
    public async Task RateMessageAsync_SavedWindowDeliveredTwice_RatesItsEventsAsReadAndCountsOnceAgainstTheFile()
    {
        var windows = new InMemoryCdrWindows();
        var windowed = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, clock, windows);
        await windows.SaveAsync(
            "asterisk/Window.csv/0x2/1", [Call("s-1", "asterisk"), Call("s-2", "asterisk", to: "+18885550199"), Call("s-3", "asterisk")], CancellationToken.None);
        var message = new RatingMessage([], new CdrBatch("asterisk/Window.csv", "\"0x2\"", 1, 3, CdrBatch.WholeWindow)) { Window = "asterisk/Window.csv/0x2/1" }.ToJson();

        var first = await windowed.RateMessageAsync(message, CancellationToken.None);
        var again = await windowed.RateMessageAsync(message, CancellationToken.None); // the queue delivers the message again

        first.ShouldBe(new RatingSummary(Rated: 2, Duplicates: 0, Quarantined: 1, Unattributed: 1));
        again.ShouldBe(first); // the same delivery names, so its own calls count as rated again, not as duplicates
        (await fileRatings.SumAsync("asterisk/Window.csv", "\"0x2\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 2, Unattributed: 1));
        counters.Of("asterisk").ShouldBe(new IngestCounts(Quarantined: 1, Rated: 2, Unattributed: 1));
        (await ledger.ListAsync(TestPlans.Acme.Id, TestPlans.Acme.Billing.PeriodContaining(Start), CancellationToken.None)).Select(r => r.Event.EventId)
            .ShouldBe(["s-1", "s-3"], ignoreOrder: true);
    }

    [Fact]
    public async Task RateMessageAsync_SavedWindowOfTwoSources_ThrowsAndCountsNothing()
    {
        var windows = new InMemoryCdrWindows();
        var windowed = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, clock, windows);
        await windows.SaveAsync("mixed/1", [Call("x-1", "asterisk"), Call("x-2", "retell")], CancellationToken.None);
        var message = new RatingMessage([], new CdrBatch("asterisk/Mixed.csv", "\"0x3\"", 1, 2, CdrBatch.WholeWindow)) { Window = "mixed/1" }.ToJson();

        var thrown = await Should.ThrowAsync<InvalidDataException>(() => windowed.RateMessageAsync(message, CancellationToken.None));

        thrown.Message.ShouldContain("'asterisk' and 'retell'");
        counters.Increments.ShouldBeEmpty();
        (await fileRatings.SumAsync("asterisk/Mixed.csv", "\"0x3\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts());
    }

    [Fact]
    public async Task RateMessageAsync_ReceivedTheDayBefore_CountsOnTheDayThatCountedTheDelivery()
    {
        var received = new LocalDate(2026, 3, 2); // rated after midnight, at 09:00 on the 3rd
        await rating.RateMessageAsync(new RatingMessage([Call("m-1", "retell"), Call("m-2", "retell", to: "+18885550199")], ReceivedOn: received).ToJson(), CancellationToken.None);

        var increment = counters.Increments.ShouldHaveSingleItem();
        (increment.Day, increment.Counts).ShouldBe((received, new IngestCounts(Quarantined: 1, Rated: 1, Unattributed: 1)));
    }

    [Fact]
    public async Task RateMessageAsync_RetriedAfterOneSourceWasCounted_CountsEachSourceOnceInItsTrueClass()
    {
        var now = Instant.FromUtc(2026, 3, 3, 9, 0);
        var crashing = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, now), new CrashOnceOn("retell", counters), fileRatings, new FakeClock(now));
        var message = new RatingMessage([Call("t-1", "asterisk"), Call("t-2", "asterisk"), Call("t-3", "retell")], Id: "queue-7").ToJson();

        await Should.ThrowAsync<IOException>(() => crashing.RateMessageAsync(message, CancellationToken.None));
        var retry = await crashing.RateMessageAsync(message, CancellationToken.None);
        await crashing.RateMessageAsync(message, CancellationToken.None); // delivered once more after it completed

        retry.ShouldBe(new RatingSummary(Rated: 3, Duplicates: 0, Quarantined: 0));
        counters.Of("asterisk").ShouldBe(new IngestCounts(Rated: 2));
        counters.Of("retell").ShouldBe(new IngestCounts(Rated: 1));
        counters.Increments.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RateMessageAsync_CdrBatchCountedThenRetriedOnTheNextDays_CountsOnceOnTheDayTheFileCame()
    {
        var ports = new InMemoryCdrPorts();
        ports.Drop("asterisk/UTC/Master.csv", string.Join('\n', Enumerable.Range(1, 3).Select(i =>
            $"\"\",\"3035550{i:000}\",\"18885550100\",\"from-trunk\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"2026-03-02 08:00:00\",\"2026-03-02 08:00:03\",\"2026-03-02 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"cdr.{i}\"")));
        await ports.Intake(new FakeClock(Instant.FromUtc(2026, 3, 2, 22, 0))).IngestAsync("asterisk/UTC/Master.csv", CancellationToken.None);
        var message = ports.Messages.ShouldHaveSingleItem().ToJson();
        var crashing = new CrashingFileRatings(fileRatings);

        // Counted on the 3rd, then the file's outcome fails: the queue retries on the 3rd and once more on the 4th.
        await Should.ThrowAsync<IOException>(() => RatingOn(new LocalDate(2026, 3, 3), crashing).RateMessageAsync(message, CancellationToken.None));
        await Should.ThrowAsync<IOException>(() => RatingOn(new LocalDate(2026, 3, 3), crashing).RateMessageAsync(message, CancellationToken.None));
        await RatingOn(new LocalDate(2026, 3, 4), crashing).RateMessageAsync(message, CancellationToken.None);

        var increment = counters.Increments.ShouldHaveSingleItem();
        (increment.Source, increment.Day, increment.Counts).ShouldBe(("asterisk", new LocalDate(2026, 3, 2), new IngestCounts(Rated: 3)));
        (await fileRatings.SumAsync("asterisk/UTC/Master.csv", ports.Messages[0].Batch!.ETag, CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 3));
    }

    [Fact]
    public async Task RateMessageAsync_UnreadableBodyRetried_CountsOneQuarantined()
    {
        await rating.RateMessageAsync("not json", CancellationToken.None);
        await rating.RateMessageAsync("not json", CancellationToken.None); // the queue delivers it again after a crash

        counters.Of(CountedUsageRating.UnreadableMessageSource).ShouldBe(new IngestCounts(Quarantined: 1));
        quarantine.Records.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ReplayAsync_StoppedAfterReleasingOneRecordAndCountingAnother_CountsEachReleaseOnce()
    {
        await rating.RateMessageAsync(
            new RatingMessage([Call("late-2", "vapi", to: "+18885550112"), Call("late-3", "vapi", to: "+18885550112")], Id: "q-9").ToJson(), CancellationToken.None);
        await accounts.AssignNumberAsync(new NumberAssignment("+18885550112", TestPlans.Acme.Id, NumberType.TollFree, new LocalDate(2026, 1, 1)), CancellationToken.None);
        quarantine.FailOnRemove = 2; // the first record left quarantine; the second was billed and counted, then the replay stopped

        await Should.ThrowAsync<IOException>(() => rating.ReplayAsync("vapi", CancellationToken.None));
        var again = await rating.ReplayAsync("vapi", CancellationToken.None);

        again.Billed.ShouldBe(1);
        quarantine.Records.ShouldBeEmpty();
        counters.Of("vapi").ShouldBe(new IngestCounts(Quarantined: 2, Rated: 2, Unattributed: 2, Released: 2));
        ledger.All.Select(u => u.Event.EventId).ShouldBe(["late-2", "late-3"], ignoreOrder: true);
    }

    private CountedUsageRating RatingOn(LocalDate day, ICdrFileRatings files)
    {
        var at = day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromHours(9);
        return new CountedUsageRating(TestRating.Create(accounts, new Plans(), ledger, quarantine, at, identities: identities), counters, files, new FakeClock(at));
    }

    /// <summary>A file-outcome store whose first two writes fail after rating counted, as a crash between the two would.</summary>
    private sealed class CrashingFileRatings(ICdrFileRatings inner) : ICdrFileRatings
    {
        private int calls;

        public Task RecordAsync(CdrBatch batch, CdrRatingCounts counts, CancellationToken cancellationToken) =>
            ++calls <= 2 ? throw new IOException("The file outcomes' storage went away.") : inner.RecordAsync(batch, counts, cancellationToken);

        public Task<bool> ContainsAsync(CdrBatch batch, CancellationToken cancellationToken) => inner.ContainsAsync(batch, cancellationToken);

        public Task<CdrRatingCounts> SumAsync(string file, string etag, CancellationToken cancellationToken) => inner.SumAsync(file, etag, cancellationToken);
    }

    [Fact]
    public async Task ReplayAsync_AfterTheNumberIsAssigned_CountsTheBilledAsRated()
    {
        await rating.RateMessageAsync(new RatingMessage([Call("late-1", "vapi", to: "+18885550111")]).ToJson(), CancellationToken.None);
        await accounts.AssignNumberAsync(new NumberAssignment("+18885550111", TestPlans.Acme.Id, NumberType.TollFree, new LocalDate(2026, 1, 1)), CancellationToken.None);

        (await rating.ReplayAsync("vapi", CancellationToken.None)).Billed.ShouldBe(1);

        counters.Of("vapi").ShouldBe(new IngestCounts(Quarantined: 1, Rated: 1, Unattributed: 1, Released: 1));
    }

    /// <summary>Counters whose first write for one source fails, as storage does when the process dies mid-message.</summary>
    private sealed class CrashOnceOn(string source, IIngestCounters inner) : IIngestCounters
    {
        private bool crashed;

        public Task AddAsync(string counted, LocalDate day, IngestCounts counts, CancellationToken cancellationToken) =>
            inner.AddAsync(counted, day, counts, cancellationToken);

        public Task<bool> AddOnceAsync(string counted, LocalDate day, IngestCounts counts, string delivery, CancellationToken cancellationToken)
        {
            if (counted == source && !crashed)
            {
                crashed = true;
                throw new IOException("The counters' storage went away.");
            }

            return inner.AddOnceAsync(counted, day, counts, delivery, cancellationToken);
        }

        public Task<IReadOnlyList<IngestCounter>> ListAsync(string? counted, LocalDate from, LocalDate to, CancellationToken cancellationToken) =>
            inner.ListAsync(counted, from, to, cancellationToken);
    }

    private sealed class Plans : IPlanCatalog
    {
        public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
            Task.FromResult<PricePlan?>(planId == TestPlans.Standard.Id ? TestPlans.Standard : null);

        public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync([TestPlans.Standard], p => p.Id, page);
    }

    private sealed class Quarantine : IQuarantine
    {
        private readonly Dictionary<(string, string), QuarantinedRecord> records = [];

        /// <summary>The removal with this 1-based number throws, as a crash after a replay billed and counted a record, before it left, would.</summary>
        public int? FailOnRemove { get; set; }

        private int removals;

        public IReadOnlyList<QuarantinedRecord> Records => [.. records.Values];

        public Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken)
        {
            records[(record.Source, record.Reference)] = record;
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<QuarantinedRecord>>(records.Values.Where(r => r.Source == source).ToList());

        public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
            InMemoryPages.OfAsync(records.Values.Where(r => r.Source == source), r => r.Reference, page);

        public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken)
        {
            if (++removals == FailOnRemove)
            {
                throw new IOException("The quarantine's storage went away.");
            }

            records.Remove((source, reference));
            return Task.CompletedTask;
        }
    }
}
