using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A call reported with AI minutes and telephony: one charge per component, each billed once.</summary>
public class ComponentRatingTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);

    private static readonly PricePlan AiAndTelephony = new("ai-and-telephony", "AI + carrier", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.12m, BillingIncrement.PerSecond),
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private static readonly PricePlan AiOnly = AiAndTelephony with
    {
        Id = "ai-only",
        Versions = [AiAndTelephony.Versions[0] with { UsageRates = [AiAndTelephony.Versions[0].UsageRates[0]] }],
    };

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();

    private UsageRating Rating(PricePlan plan) => TestRating.Create(
        new InMemoryAccountDirectory(TestPlans.Acme with { PlanId = plan.Id }), new Catalog(plan), ledger, quarantine, Start + Duration.FromDays(1), identities: identities);

    /// <summary>Vapi-like: 90 s of AI minutes that cost 0.10, over a carrier leg of 90 s that cost 0.02.</summary>
    private static UsageEvent TwoComponentCall(string id = "vapi-c1") =>
        TestPlans.Call(id, Start, 90) with
        {
            Component = UsageComponent.AiVoice,
            UpstreamCost = new Money(0.10m, "USD"),
            AccountId = TestPlans.Acme.Id,
            OtherComponents = [new ComponentUsage(UsageComponent.Telephony, 90, new Money(0.02m, "USD"))],
        };

    private async Task<IReadOnlyList<RatedUsage>> LedgerAsync() =>
        await ledger.ListAsync(TestPlans.Acme.Id, BillingPeriod.Containing(new LocalDate(2026, 3, 2), TestPlans.Acme.Billing.BillCycleDay), CancellationToken.None);

    [Fact]
    public async Task RateAsync_TwoComponentEvent_IsTwoChargesEachUnderItsOwnId()
    {
        var summary = await Rating(AiAndTelephony).RateAsync([TwoComponentCall()], CancellationToken.None);

        summary.ShouldBe(new RatingSummary(Rated: 2, Duplicates: 0, Quarantined: 0));
        var rows = (await LedgerAsync()).OrderBy(r => r.Event.EventId, StringComparer.Ordinal).ToList();
        rows.Select(r => (r.Event.EventId, r.Event.Component, r.Charge.BillableSeconds, r.Charge.Amount, r.Event.UpstreamCost)).ShouldBe(
        [
            ("vapi-c1", UsageComponent.AiVoice, 90, new Money(0.18m, "USD"), (Money?)new Money(0.10m, "USD")), // 90 s × 0.12/min
            ("vapi-c1-telephony", UsageComponent.Telephony, 120, new Money(0.024m, "USD"), new Money(0.02m, "USD")), // 2 min × 0.012
        ]);
        rows[1].Event.Attributes![UsageEvent.ComponentOfAttribute].ShouldBe("vapi-c1");
        rows.ShouldAllBe(r => r.Event.OtherComponents == null);
    }

    [Fact]
    public async Task RateAsync_SameCallDeliveredAgain_BillsNeitherComponentTwice()
    {
        var rating = Rating(AiAndTelephony);
        await rating.RateAsync([TwoComponentCall()], CancellationToken.None);

        var again = await rating.RateAsync([TwoComponentCall(), TwoComponentCall() with { OtherComponents = null }], CancellationToken.None);

        again.ShouldBe(new RatingSummary(Rated: 0, Duplicates: 3, Quarantined: 0));
        (await LedgerAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RateAsync_TelephonyReportedLaterThanTheAiMinutes_AddsOnlyTheNewComponent()
    {
        var rating = Rating(AiAndTelephony);
        await rating.RateAsync([TwoComponentCall() with { OtherComponents = null }], CancellationToken.None);

        var later = await rating.RateAsync([TwoComponentCall()], CancellationToken.None);

        later.ShouldBe(new RatingSummary(Rated: 1, Duplicates: 1, Quarantined: 0));
    }

    [Fact]
    public async Task RateAsync_PlanWithNoTelephonyRates_BillsTheCallByItsAiMinutesAlone()
    {
        var summary = await Rating(AiOnly).RateAsync([TwoComponentCall()], CancellationToken.None);

        summary.ShouldBe(new RatingSummary(Rated: 1, Duplicates: 0, Quarantined: 0, NotCharged: 1));
        (await LedgerAsync()).ShouldHaveSingleItem().Event.EventId.ShouldBe("vapi-c1");
        quarantine.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public async Task RateAsync_NeverConnectedTwoComponentCall_IsTwoZeroSecondEvents()
    {
        await Rating(AiAndTelephony).RateAsync([TwoComponentCall() with { Answered = false, DurationSeconds = 0 }], CancellationToken.None);

        var rows = await LedgerAsync();
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.Event.DurationSeconds == 0 && r.Charge.BillableSeconds == 0);
    }

    [Fact]
    public void OfflineRate_TwoComponentEvent_PricesEachComponentThePlanCharges()
    {
        var zone = TestPlans.Acme.Billing.Zone;

        OfflineRating.Rate([TwoComponentCall()], AiAndTelephony, zone).Select(r => (r.Event.EventId, r.Charge!.Amount))
            .ShouldBe([("vapi-c1", new Money(0.18m, "USD")), ("vapi-c1-telephony", new Money(0.024m, "USD"))]);
        OfflineRating.Rate([TwoComponentCall()], AiOnly, zone).ShouldHaveSingleItem().Event.EventId.ShouldBe("vapi-c1");
    }

    private sealed class Catalog(PricePlan plan) : IPlanCatalog
    {
        public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) => Task.FromResult<PricePlan?>(planId == plan.Id ? plan : null);

        public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync([plan], p => p.Id, page);
    }
}
