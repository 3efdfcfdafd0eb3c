using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A person resolves a conflicting duplicate: keep the billed version, or replace it while its period is open.</summary>
public class ConflictResolutionTests
{
    private static readonly Instant October = Instant.FromUtc(2026, 10, 20, 15, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);
    private static readonly ServerlessBilling.Accounts.Account Zeta = TestPlans.Acme with { Id = "zeta", Name = "Zeta Clinic" };

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly InMemoryCycleLedger cycles = new();
    private readonly UsageRating rating;
    private readonly QuarantineResolution resolution;

    public ConflictResolutionTests()
    {
        rating = TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme, Zeta), new StandardPlan(), ledger, quarantine, Now, cycles, identities);
        resolution = new QuarantineResolution(quarantine, rating, cycles, new InMemoryIngestCounters(), new FakeClock(Now));
    }

    private static UsageEvent Call(int seconds, string account = "acme") =>
        TestPlans.Call("events-e1", October, seconds) with { Source = "events", AccountId = account };

    private async Task<string> ConflictAsync(UsageEvent later)
    {
        await rating.RateAsync([Call(60)], CancellationToken.None);
        (await rating.RateAsync([later], CancellationToken.None)).Conflicts.ShouldBe(1);
        return quarantine.Quarantined.Keys.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ResolveAsync_Discard_KeepsTheBilledVersion()
    {
        var reference = await ConflictAsync(Call(600));

        var kept = await resolution.ResolveAsync("events", reference, HoldAction.Discard, CancellationToken.None);

        kept.Value.Action.ShouldBe(HoldAction.Discard);
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(60);
        quarantine.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public async Task ResolveAsync_ReplaceInTheSamePeriod_ReplacesTheRatedRow()
    {
        var reference = await ConflictAsync(Call(600));

        var replaced = await resolution.ResolveAsync("events", reference, HoldAction.Replace, CancellationToken.None);

        replaced.Value.Outcome.ShouldBe(EventOutcome.Recorded);
        var row = ledger.All.ShouldHaveSingleItem();
        (row.Event.DurationSeconds, row.Charge.Amount).ShouldBe((600, new Money(0.12m, "USD")));
        (await identities.FindAsync(row.Event.Identity, CancellationToken.None))!.Billed.Event.DurationSeconds.ShouldBe(600);
        quarantine.Quarantined.ShouldBeEmpty();
        (await rating.RateAsync([Call(600)], CancellationToken.None)).Duplicates.ShouldBe(1); // the replacement is now the billed version
    }

    [Fact]
    public async Task ResolveAsync_ReplaceWithAnotherAccount_VoidsTheFirstAndBillsTheSecond()
    {
        var reference = await ConflictAsync(Call(60, account: "zeta"));

        await resolution.ResolveAsync("events", reference, HoldAction.Replace, CancellationToken.None);

        ledger.All.ShouldHaveSingleItem().AccountId.ShouldBe("zeta");
    }

    [Fact]
    public async Task ResolveAsync_ReplaceAfterTheBilledPeriodsCloseStarted_IsAConflictAndChangesNothing()
    {
        var reference = await ConflictAsync(Call(600));
        await cycles.TryRecordStartAsync(new CycleRequest("acme", "2026-10-01"), Now, CancellationToken.None);

        var refused = await resolution.ResolveAsync("events", reference, HoldAction.Replace, CancellationToken.None);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(60);
        quarantine.Quarantined.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReplayAsync_Conflicts_WaitForAPerson()
    {
        await ConflictAsync(Call(600));

        (await rating.ReplayAsync("events", CancellationToken.None)).ShouldBe(new ReplaySummary(0, 0, 0, Conflicts: 1));
        quarantine.Quarantined.Count.ShouldBe(1);
    }
}
