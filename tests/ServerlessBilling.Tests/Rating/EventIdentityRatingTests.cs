using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>An event id is billed at most once across accounts and periods; a differing redelivery is a conflict held for a person.</summary>
public class EventIdentityRatingTests
{
    private static readonly Instant October = Instant.FromUtc(2026, 10, 20, 15, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);
    private static readonly ServerlessBilling.Accounts.Account Zeta = TestPlans.Acme with { Id = "zeta", Name = "Zeta Clinic" };

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly InMemoryCycleLedger cycles = new();
    private readonly UsageRating rating;

    public EventIdentityRatingTests() =>
        rating = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme, Zeta), new StandardPlan(), ledger, quarantine, Now, cycles, identities);

    private static UsageEvent Call(string id, Instant? start = null, string account = "acme") =>
        TestPlans.Call(id, start ?? October, 90) with { Source = "events", AccountId = account };

    [Fact]
    public async Task RateAsync_SameEventIdStartingInAnotherMonth_IsAConflictBilledOnce()
    {
        await rating.RateAsync([Call("events-e1")], CancellationToken.None);

        var again = await rating.RateAsync([Call("events-e1", start: October + Duration.FromDays(20))], CancellationToken.None);

        again.ShouldBe(new RatingSummary(Rated: 0, Duplicates: 0, Quarantined: 1, Conflicts: 1));
        ledger.All.ShouldHaveSingleItem().Event.StartedAt.ShouldBe(October);
        var held = quarantine.Quarantined.Values.ShouldHaveSingleItem();
        (held.Source, held.Kind, held.Problem.Field).ShouldBe(("events", QuarantineKind.Conflict, "startedAt"));
        var conflict = EventConflict.TryRead(held).ShouldNotBeNull();
        (conflict.Billed.Event.StartedAt, conflict.Delivered.StartedAt, conflict.Billed.PeriodKey).ShouldBe((October, October + Duration.FromDays(20), "2026-10-01"));
    }

    [Fact]
    public async Task RateAsync_OneMessageRepeatingAndConflictingItself_ClassesEachCallAsSeparateDeliveriesWould()
    {
        await rating.RateAsync([Call("events-e0")], CancellationToken.None);

        var message = await rating.RateAsync(
            [Call("events-e1"), Call("events-e0"), Call("events-e1"), Call("events-e2"), Call("events-e1", account: "zeta")], "m1", CancellationToken.None);

        message.ShouldBe(new RatingSummary(Rated: 2, Duplicates: 2, Quarantined: 1, Conflicts: 1));
        ledger.All.Select(u => (u.Event.EventId, u.AccountId)).Order().ShouldBe([("events-e0", "acme"), ("events-e1", "acme"), ("events-e2", "acme")]);
        quarantine.Quarantined.Values.ShouldHaveSingleItem().Problem.Field.ShouldBe("accountId");
    }

    [Fact]
    public async Task RateAsync_SameEventIdNamingAnotherAccount_IsAConflictBilledOnce()
    {
        await rating.RateAsync([Call("events-e1")], CancellationToken.None);

        var again = await rating.RateAsync([Call("events-e1", account: "zeta")], CancellationToken.None);

        again.Conflicts.ShouldBe(1);
        ledger.All.ShouldHaveSingleItem().AccountId.ShouldBe("acme");
        quarantine.Quarantined.Values.ShouldHaveSingleItem().Problem.Field.ShouldBe("accountId");
    }

    [Fact]
    public async Task RateAsync_IdenticalRedelivery_IsASilentDuplicate()
    {
        await rating.RateAsync([Call("events-e1")], CancellationToken.None);

        var again = await rating.RateAsync([Call("events-e1"), Call("events-e1")], CancellationToken.None);

        again.ShouldBe(new RatingSummary(Rated: 0, Duplicates: 2, Quarantined: 0));
        quarantine.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public async Task RateAsync_RedeliveryWithACostTheFirstDidNotReport_IsADuplicate()
    {
        await rating.RateAsync([Call("twilio-CA1")], CancellationToken.None);

        var again = await rating.RateAsync([Call("twilio-CA1") with { UpstreamCost = new Money(0.0085m, "USD") }], CancellationToken.None);

        again.Duplicates.ShouldBe(1);
    }

    [Fact]
    public async Task RateAsync_CallWhoseIdSpellsAnotherCallsComponent_IsBilledToo()
    {
        var twoComponents = Call("events-comp-w1") with { Component = UsageComponent.Telephony, OtherComponents = [new ComponentUsage(UsageComponent.Transfer, 30)] };
        await rating.RateAsync([twoComponents], CancellationToken.None);

        var other = await rating.RateAsync([Call("events-comp-w1-transfer")], CancellationToken.None);

        other.ShouldBe(new RatingSummary(Rated: 1, Duplicates: 0, Quarantined: 0));
        ledger.All.Select(u => u.Event.Identity).ShouldBe(
        [
            new EventIdentity("events-comp-w1", UsageComponent.Telephony),
            new EventIdentity("events-comp-w1", UsageComponent.Transfer),
            new EventIdentity("events-comp-w1-transfer", UsageComponent.Telephony),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task RateAsync_RetriedAfterAFailurePartWay_CountsEachEventOnceAsRated()
    {
        var failing = new FailingOnce(ledger, failOnRecord: 2);
        var flaky = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), failing, quarantine, Now, cycles, identities);
        UsageEvent[] events = [Call("events-r1"), Call("events-r2"), Call("events-r3")];

        await Should.ThrowAsync<IOException>(() => flaky.RateAsync(events, "message-1", CancellationToken.None));
        var retry = await flaky.RateAsync(events, "message-1", CancellationToken.None);

        retry.ShouldBe(new RatingSummary(Rated: 3, Duplicates: 0, Quarantined: 0));
        ledger.All.Count.ShouldBe(3);
    }

    [Fact]
    public async Task RateAsync_ClaimedButNotWrittenThenRedeliveredByTheVendor_WritesTheRowOnceAsADuplicateDelivery()
    {
        var failing = new FailingOnce(ledger, failOnRecord: 1);
        var flaky = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), failing, quarantine, Now, cycles, identities);
        await Should.ThrowAsync<IOException>(() => flaky.RateAsync([Call("events-c1")], "message-1", CancellationToken.None));

        var vendorRetry = await flaky.RateAsync([Call("events-c1")], "message-2", CancellationToken.None);
        var queueRetry = await flaky.RateAsync([Call("events-c1")], "message-1", CancellationToken.None);

        (vendorRetry.Duplicates, queueRetry.Rated).ShouldBe((1, 1));
        ledger.All.ShouldHaveSingleItem().Event.EventId.ShouldBe("events-c1");
    }

    [Fact]
    public async Task RateAsync_ClaimedButNotWrittenAndThePeriodClosedSince_WritesItOnTheNextOpenPeriod()
    {
        var failing = new FailingOnce(ledger, failOnRecord: 1);
        var flaky = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), failing, quarantine, Now, cycles, identities);
        await Should.ThrowAsync<IOException>(() => flaky.RateAsync([Call("events-c1")], "message-1", CancellationToken.None));
        await cycles.TryRecordStartAsync(new CycleRequest("acme", "2026-10-01"), Now, CancellationToken.None);

        (await flaky.RateAsync([Call("events-c1")], "message-1", CancellationToken.None)).Rated.ShouldBe(1);

        var row = ledger.All.ShouldHaveSingleItem();
        (row.PeriodKey, row.PriorPeriodKey).ShouldBe(("2026-11-01", "2026-10-01"));
        (await identities.FindAsync(row.Event.Identity, CancellationToken.None))!.Billed.PeriodKey.ShouldBe("2026-11-01");
    }

    [Fact]
    public async Task RateAsync_RedeliveryOutsideTheBackdatingWindow_IsADuplicateNotAHold()
    {
        await rating.RateAsync([Call("events-old")], CancellationToken.None);
        var later = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), ledger, quarantine, Now + Duration.FromDays(200), cycles, identities);

        (await later.RateAsync([Call("events-old")], CancellationToken.None)).Duplicates.ShouldBe(1);
        quarantine.Quarantined.ShouldBeEmpty();
    }

    /// <summary>The ledger, failing once on its <c>failOnRecord</c>-th write: a storage error part-way through a message.</summary>
    private sealed class FailingOnce(IUsageLedger inner, int failOnRecord) : IUsageLedger
    {
        private int writes;

        public Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken) =>
            ++writes == failOnRecord ? throw new IOException("storage unavailable") : inner.TryRecordAsync(usage, cancellationToken);

        public Task<bool> ContainsAsync(string accountId, BillingPeriod period, EventIdentity identity, CancellationToken cancellationToken) =>
            inner.ContainsAsync(accountId, period, identity, cancellationToken);

        public Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
            inner.ListAsync(accountId, period, cancellationToken);

        public Task<UsagePage> ListPageAsync(string? accountId, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListPageAsync(accountId, continuationToken, pageSize, cancellationToken);

        public Task<ListPage<BilledPeriod>> ListBilledPeriodsAsync(string source, YearMonth month, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListBilledPeriodsAsync(source, month, continuationToken, pageSize, cancellationToken);

        public Task<UsagePage> ListBySourceAsync(BilledPeriod period, string source, Interval startedIn, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
            inner.ListBySourceAsync(period, source, startedIn, continuationToken, pageSize, cancellationToken);

        public Task<ListPage<RatedUsage>> ListAsync(string accountId, BillingPeriod period, PageRequest page, CancellationToken cancellationToken) =>
            inner.ListAsync(accountId, period, page, cancellationToken);

        public Task<bool> TryIndexSourceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.TryIndexSourceAsync(usage, cancellationToken);

        public Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken) => inner.ReplaceAsync(usage, cancellationToken);

        public Task RemoveAsync(string accountId, string periodKey, EventIdentity identity, CancellationToken cancellationToken) =>
            inner.RemoveAsync(accountId, periodKey, identity, cancellationToken);
    }
}

/// <summary>Every plan id is <see cref="TestPlans.Standard"/>, with a transfer rate added.</summary>
internal sealed class StandardPlan : IPlanCatalog
{
    public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken)
    {
        var version = TestPlans.Standard.Versions[0];
        var withTransfer = version with
        {
            UsageRates = [.. version.UsageRates, new UsageRate(UsageComponent.Transfer, CallDirection.Inbound, 0.006m, BillingIncrement.PerMinute)],
        };
        return Task.FromResult<PricePlan?>(TestPlans.Standard with { Versions = [withTransfer] });
    }

    public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync([TestPlans.Standard], p => p.Id, page);
}
