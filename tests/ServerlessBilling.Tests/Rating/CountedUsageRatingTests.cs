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

public class CountedUsageRatingTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);
    private readonly InMemoryAccountDirectory accounts = new();
    private readonly InMemoryUsageLedger ledger = new();
    private readonly Quarantine quarantine = new();
    private readonly InMemoryIngestCounters counters = new();
    private readonly InMemoryCdrFileRatings fileRatings = new();
    private readonly CountedUsageRating rating;

    public CountedUsageRatingTests()
    {
        accounts.SetAsync(TestPlans.Acme, CancellationToken.None);
        accounts.AssignNumberAsync(new NumberAssignment("+18885550100", TestPlans.Acme.Id, NumberType.TollFree, new LocalDate(2026, 1, 1)), CancellationToken.None);
        rating = new CountedUsageRating(
            TestRating.Create(accounts, new Plans(), ledger, quarantine, Instant.FromUtc(2026, 3, 3, 9, 0)), counters, fileRatings, new FakeClock(Instant.FromUtc(2026, 3, 3, 9, 0)));
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
            records.Remove((source, reference));
            return Task.CompletedTask;
        }
    }
}
