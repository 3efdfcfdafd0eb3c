using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Usage;

using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Rating's side of late events: frozen periods stay frozen, late calls bill once on the next open period.</summary>
public class LateUsageRatingTests
{
    private static readonly Instant InOctober = Instant.FromUtc(2026, 10, 20, 15, 0);

    private readonly InMemoryCycleLedger cycles = new();
    private readonly InMemoryUsageLedger usage = new();
    private readonly UsageRating rating;

    public LateUsageRatingTests()
    {
        var accounts = new InMemoryAccountDirectory(TestPlans.Acme);
        rating = TestRating.Create(accounts, new OnePlan(), usage, new NoQuarantine(), Instant.FromUtc(2026, 11, 2, 0, 0), cycles);
    }

    private static UsageEvent Call(string id) => TestPlans.Call(id, InOctober, 90) with { AccountId = TestPlans.Acme.Id };

    private Task<IReadOnlyList<RatedUsage>> PeriodAsync(int month) =>
        usage.ListAsync(TestPlans.Acme.Id, BillingPeriod.Containing(new LocalDate(2026, month, 1), 1), CancellationToken.None);

    [Fact]
    public async Task RateAsync_EventAfterItsPeriodsCloseStarted_IsRecordedOnTheNextPeriodAsPriorPeriodUsage()
    {
        await rating.RateAsync([Call("on-time")], CancellationToken.None);
        await cycles.TryRecordStartAsync(new CycleRequest(TestPlans.Acme.Id, "2026-10-01"), Instant.FromUtc(2026, 11, 2, 0, 0), CancellationToken.None);

        var summary = await rating.RateAsync([Call("late")], CancellationToken.None);

        summary.ShouldBe(new RatingSummary(1, 0, 0));
        (await PeriodAsync(10)).Select(u => u.Event.EventId).ShouldBe(["on-time"]);
        var late = (await PeriodAsync(11)).ShouldHaveSingleItem();
        late.Event.EventId.ShouldBe("late");
        late.PriorPeriodKey.ShouldBe("2026-10-01");
    }

    [Fact]
    public async Task RateAsync_RedeliveriesAfterTheClose_AreDuplicatesNotBilledAgain()
    {
        await rating.RateAsync([Call("on-time")], CancellationToken.None);
        await cycles.TryRecordStartAsync(new CycleRequest(TestPlans.Acme.Id, "2026-10-01"), Instant.FromUtc(2026, 11, 2, 0, 0), CancellationToken.None);
        await rating.RateAsync([Call("late")], CancellationToken.None);

        var again = await rating.RateAsync([Call("on-time"), Call("late")], CancellationToken.None);

        again.ShouldBe(new RatingSummary(0, 2, 0));
        (await PeriodAsync(10)).Count.ShouldBe(1);
        (await PeriodAsync(11)).Count.ShouldBe(1);
    }

    private sealed class OnePlan : IPlanCatalog
    {
        public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) =>
            Task.FromResult<PricePlan?>(planId == TestPlans.Standard.Id ? TestPlans.Standard : null);

        public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync([TestPlans.Standard], p => p.Id, page);
    }

    private sealed class NoQuarantine : IQuarantine
    {
        public Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"Unexpected quarantine: {record.Problem}");

        public Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<QuarantinedRecord>>([]);

        public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(ListPage<QuarantinedRecord>.Empty);

        public Task RemoveAsync(string source, string reference, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
