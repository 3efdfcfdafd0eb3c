using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A call outside a plausibility limit is held naming the limit, never billed silently, and billed once a person accepts it.</summary>
public class PlausibilityRatingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly InMemoryCycleLedger cycles = new();

    private UsageRating Rating(PlausibilityPolicy? limits = null, ServerlessBilling.Accounts.Account? account = null) =>
        TestRating.Create(new InMemoryAccountDirectory(account ?? TestPlans.Acme), new StandardPlan(), ledger, quarantine, Now, cycles, identities, limits);

    private static UsageEvent Call(string id, int seconds = 90, Instant? start = null, string source = "retell") =>
        TestPlans.Call(id, start ?? Now - Duration.FromDays(1), seconds) with { Source = source, AccountId = TestPlans.Acme.Id };

    [Theory]
    [InlineData(315_360_000, 0, "maxCallMinutes")] // ten years, as a probe delivered
    [InlineData(14_401, 0, "maxCallMinutes")]
    [InlineData(60, -6, "clockSkewMinutes")] // starts six minutes from now
    [InlineData(60, 60 * 24 * 91, "backdatingDays")]
    public async Task RateAsync_CallOutsideALimit_IsHeldNamingTheLimit(int seconds, int minutesAgo, string limit)
    {
        var summary = await Rating().RateAsync([Call("retell-x", seconds, Now - Duration.FromMinutes(minutesAgo))], CancellationToken.None);

        summary.ShouldBe(new RatingSummary(Rated: 0, Duplicates: 0, Quarantined: 1, Held: 1));
        ledger.All.ShouldBeEmpty();
        var held = quarantine.Quarantined.Values.ShouldHaveSingleItem();
        (held.Kind, held.Problem.Field, held.Reference).ShouldBe((QuarantineKind.Limit, limit, "retell-x"));
    }

    [Fact]
    public async Task RateAsync_ImplausibleCallNoAccountHolds_IsHeldForTheLimitNotAsUnattributed()
    {
        var stranger = Call("retell-x", 315_360_000) with { AccountId = null, To = "+18885550199" };

        (await Rating().RateAsync([stranger], CancellationToken.None)).Held.ShouldBe(1);

        quarantine.Quarantined.Values.ShouldHaveSingleItem().Problem.Field.ShouldBe("maxCallMinutes");
    }

    [Theory]
    [InlineData(14_400, 0)] // four hours exactly
    [InlineData(60, -5)] // five minutes ahead: the clock skew allowed
    [InlineData(60, 60 * 24 * 90)]
    public async Task RateAsync_CallOnALimit_IsBilled(int seconds, int minutesAgo) =>
        (await Rating().RateAsync([Call("retell-x", seconds, Now - Duration.FromMinutes(minutesAgo))], CancellationToken.None)).Rated.ShouldBe(1);

    [Fact]
    public async Task RateAsync_ChargeAboveTheCeiling_IsHeldAfterRating()
    {
        var cheap = new PlausibilityPolicy(PlausibilityLimits.Default with { MaxChargePerCall = 0.10m }, new Dictionary<string, LimitOverrides>());

        var summary = await Rating(cheap).RateAsync([Call("retell-dear", seconds: 600)], CancellationToken.None); // 10 min × 0.012 = 0.12

        summary.Held.ShouldBe(1);
        quarantine.Quarantined.Values.ShouldHaveSingleItem().Problem.ShouldBe(new RecordProblem("maxChargePerCall", "0.120 USD is more than the 0.10 a call may cost"));
    }

    [Fact]
    public async Task RateAsync_SourceAndAccountOverrides_ApplyInThatOrder()
    {
        var vapiLong = new PlausibilityPolicy(PlausibilityLimits.Default, new Dictionary<string, LimitOverrides> { ["vapi"] = new(MaxCallMinutes: 720) });
        var rating = Rating(vapiLong, TestPlans.Acme with { Plausibility = new LimitOverrides(MaxCallMinutes: 60) });

        var summary = await rating.RateAsync([Call("vapi-1", 3_601, source: "vapi"), Call("retell-1", 3_601)], CancellationToken.None);

        summary.Held.ShouldBe(2); // the account's 60 minutes go over vapi's 720
        var lenient = Rating(vapiLong);
        (await lenient.RateAsync([Call("vapi-2", 5 * 3_600, source: "vapi"), Call("retell-2", 5 * 3_600)], CancellationToken.None))
            .ShouldBe(new RatingSummary(Rated: 1, Duplicates: 0, Quarantined: 1, Held: 1));
    }

    [Fact]
    public async Task ResolveAsync_AcceptAHeldCall_BillsItOnceDespiteTheLimit()
    {
        var rating = Rating();
        await rating.RateAsync([Call("retell-long", 5 * 3_600)], CancellationToken.None);
        var counters = new InMemoryIngestCounters();
        var resolution = TestRating.Resolution(rating, new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), ledger, quarantine, cycles, identities, counters, Now);

        (await rating.ReplayAsync("retell", CancellationToken.None)).ShouldBe(new ReplaySummary(0, 1, 0));
        var accepted = await resolution.ResolveAsync("retell", "retell-long", HoldAction.Accept, collections: null, CancellationToken.None);

        accepted.Value.ShouldBe(new ResolvedHold("retell", "retell-long", HoldAction.Accept, EventOutcome.Recorded));
        ledger.All.ShouldHaveSingleItem().Charge.BillableSeconds.ShouldBe(5 * 3_600);
        quarantine.Quarantined.ShouldBeEmpty();
        counters.Of("retell").Rated.ShouldBe(1);
        (await resolution.ResolveAsync("retell", "retell-long", HoldAction.Accept, collections: null, CancellationToken.None)).Problem!.Kind.ShouldBe(ProblemKind.NotFound);
    }

    [Fact]
    public async Task ResolveAsync_ReplaceOnAHeldCall_IsInvalidNamingTheAction()
    {
        var rating = Rating();
        await rating.RateAsync([Call("retell-long", 5 * 3_600)], CancellationToken.None);
        var resolution = TestRating.Resolution(rating, new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), ledger, quarantine, cycles, identities, new InMemoryIngestCounters(), Now);

        var refused = await resolution.ResolveAsync("retell", "retell-long", HoldAction.Replace, collections: null, CancellationToken.None);

        refused.Problem!.Fields.ShouldHaveSingleItem().Field.ShouldBe("action");
        quarantine.Quarantined.Count.ShouldBe(1);
    }
}
