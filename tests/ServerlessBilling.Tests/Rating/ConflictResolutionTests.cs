using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A person resolves a conflicting duplicate: keep the billed version, or replace it; the call's other conflicts follow the decision.</summary>
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
        resolution = TestRating.Resolution(
            rating, new InMemoryAccountDirectory(TestPlans.Acme, Zeta), new StandardPlan(), ledger, quarantine, cycles, identities, new InMemoryIngestCounters(), Now);
    }

    private static UsageEvent Call(int seconds, string account = "acme") =>
        TestPlans.Call("events-e1", October, seconds) with { Source = "events", AccountId = account };

    private static (int, string) Key(UsageEvent delivered) => (delivered.DurationSeconds, delivered.SourceRecordId);

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

        var kept = await resolution.ResolveAsync("events", reference, HoldAction.Discard, collections: null, CancellationToken.None);

        kept.Value.Action.ShouldBe(HoldAction.Discard);
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(60);
        quarantine.Quarantined.ShouldBeEmpty();
    }

    [Fact]
    public async Task ResolveAsync_ReplaceInTheSamePeriod_ReplacesTheRatedRow()
    {
        var reference = await ConflictAsync(Call(600));

        var replaced = await resolution.ResolveAsync("events", reference, HoldAction.Replace, collections: null, CancellationToken.None);

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

        await resolution.ResolveAsync("events", reference, HoldAction.Replace, collections: null, CancellationToken.None);

        ledger.All.ShouldHaveSingleItem().AccountId.ShouldBe("zeta");
    }

    [Fact]
    public async Task ResolveAsync_ReplaceWhileTheBilledPeriodsCloseRuns_IsAConflictAndChangesNothing()
    {
        var reference = await ConflictAsync(Call(600));
        await cycles.TryRecordStartAsync(new CycleRequest("acme", "2026-10-01"), Now, CancellationToken.None);

        var refused = await resolution.ResolveAsync("events", reference, HoldAction.Replace, collections: null, CancellationToken.None);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(60);
        quarantine.Quarantined.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ResolveAsync_Replace_ClosesAConflictStatingTheChosenFactsAndHoldsTheRestAgainstTheNewVersion()
    {
        await rating.RateAsync([Call(60)], CancellationToken.None);
        var chosen = Call(600);
        var sameFacts = Call(600) with { SourceRecordId = "redelivered" }; // another record, the same billing facts
        var other = Call(300);
        (await rating.RateAsync([chosen, sameFacts, other], CancellationToken.None)).Conflicts.ShouldBe(3);
        var references = quarantine.Quarantined.Values.ToDictionary(r => Key(EventConflict.TryRead(r)!.Delivered), r => r.Reference);

        var replaced = await resolution.ResolveAsync("events", references[Key(chosen)], HoldAction.Replace, collections: null, CancellationToken.None);

        var closed = replaced.Value.Closed.ShouldHaveSingleItem();
        closed.ShouldBe(new ClosedHold(references[Key(sameFacts)], $"states the billing facts now billed for events-e1 (Telephony) (decided on '{references[Key(chosen)]}')"));
        quarantine.Quarantined.Keys.ShouldBe([references[Key(sameFacts)], references[Key(other)]], ignoreOrder: true);
        var moot = quarantine.Quarantined[references[Key(sameFacts)]];
        (moot.Kind, moot.Problem.Field).ShouldBe((QuarantineKind.Closed, "resolved"));
        var rehome = EventConflict.TryRead(quarantine.Quarantined[references[Key(other)]]).ShouldNotBeNull();
        (rehome.Billed.Event.DurationSeconds, rehome.Differences.Single()).ShouldBe((600, "durationSeconds"));
        var again = await resolution.ResolveAsync("events", references[Key(sameFacts)], HoldAction.Replace, collections: null, CancellationToken.None);
        again.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(600);
        (await rating.ReplayAsync("events", CancellationToken.None)).ShouldBe(new ReplaySummary(0, 0, 0, Conflicts: 1));
    }

    [Fact]
    public async Task ResolveAsync_Discard_ClosesAConflictStatingTheDiscardedFactsOnly()
    {
        await rating.RateAsync([Call(60)], CancellationToken.None);
        var discarded = Call(600);
        var sameFacts = Call(600) with { SourceRecordId = "redelivered" };
        var other = Call(300);
        await rating.RateAsync([discarded, sameFacts, other], CancellationToken.None);
        var references = quarantine.Quarantined.Values.ToDictionary(r => Key(EventConflict.TryRead(r)!.Delivered), r => r.Reference);

        var kept = await resolution.ResolveAsync("events", references[Key(discarded)], HoldAction.Discard, collections: null, CancellationToken.None);

        kept.Value.Closed.Select(c => c.Reference).ShouldBe([references[Key(sameFacts)]]);
        quarantine.Quarantined[references[Key(sameFacts)]].Kind.ShouldBe(QuarantineKind.Closed);
        quarantine.Quarantined[references[Key(other)]].Kind.ShouldBe(QuarantineKind.Conflict);
        quarantine.Quarantined.ContainsKey(references[Key(discarded)]).ShouldBeFalse();
        ledger.All.ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(60);
        (await resolution.ResolveAsync("events", references[Key(sameFacts)], HoldAction.Discard, collections: null, CancellationToken.None)).Value.Closed.ShouldBeEmpty();
        quarantine.Quarantined.Keys.ShouldBe([references[Key(other)]]);
    }

    [Fact]
    public async Task ReplayAsync_Conflicts_WaitForAPerson()
    {
        await ConflictAsync(Call(600));

        (await rating.ReplayAsync("events", CancellationToken.None)).ShouldBe(new ReplaySummary(0, 0, 0, Conflicts: 1));
        quarantine.Quarantined.Count.ShouldBe(1);
    }
}
