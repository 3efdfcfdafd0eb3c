using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Usage billed before identities were kept gets its identity rows, so its redeliveries are not billed again.</summary>
public class IdentityBackfillTests
{
    private static readonly Instant October = Instant.FromUtc(2026, 10, 20, 15, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);
    private static readonly ServerlessBilling.Accounts.Account Zeta = TestPlans.Acme with { Id = "zeta", Name = "Zeta Clinic" };

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly InMemoryCycleLedger cycles = new();
    private readonly InMemoryAccountDirectory accounts = new(TestPlans.Acme, Zeta);

    private static UsageEvent Call(string id, Instant? start = null, string account = "acme") =>
        TestPlans.Call(id, start ?? October, 90) with { Source = "events", AccountId = account };

    /// <summary>Rates calls as before identities were kept: the rows land in the ledger, their claims in a store nobody keeps.</summary>
    private async Task BillWithoutIdentitiesAsync(params UsageEvent[] calls) =>
        await TestRating.Create(accounts, new StandardPlan(), ledger, quarantine, Now, cycles, new InMemoryEventIdentities()).RateAsync(calls, CancellationToken.None);

    private UsageRating Rating() => TestRating.Create(accounts, new StandardPlan(), ledger, quarantine, Now, cycles, identities);

    [Fact]
    public async Task RunAsync_RowsWithoutIdentities_ClaimsEachAcrossPagesAndARepeatFindsThemPresent()
    {
        var calls = Enumerable.Range(0, IdentityBackfill.PageSize + 250).Select(i => Call($"events-old{i}")).ToArray();
        await BillWithoutIdentitiesAsync(calls);
        var backfill = new IdentityBackfill(ledger, identities);

        var first = await backfill.RunAsync(CancellationToken.None);
        var again = await backfill.RunAsync(CancellationToken.None);

        first.ShouldBe(new IdentityBackfillSummary(1250, Written: 1250, AlreadyPresent: 0, Conflicting: 0, []), new SummaryComparer());
        again.ShouldBe(new IdentityBackfillSummary(1250, Written: 0, AlreadyPresent: 1250, Conflicting: 0, []), new SummaryComparer());
        var claim = (await identities.FindAsync(new EventIdentity("events-old7", UsageComponent.Telephony), CancellationToken.None)).ShouldNotBeNull();
        (claim.Billed, claim.Delivery).ShouldBe((ledger.All.Single(r => r.Event.EventId == "events-old7"), null));
    }

    [Fact]
    public async Task RunAsync_OneAccount_ClaimsOnlyItsRowsAndLeavesTheOthersForAWholeRun()
    {
        await BillWithoutIdentitiesAsync([Call("events-a1"), Call("events-a2"), Call("events-z1", account: "zeta")]);
        var backfill = new IdentityBackfill(ledger, identities);

        var zeta = await backfill.RunAsync("zeta", CancellationToken.None);
        var whole = await backfill.RunAsync(CancellationToken.None);
        var zetaAgain = await backfill.RunAsync(new IdentityBackfillRequest(AccountId: "zeta"), CancellationToken.None);

        zeta.ShouldBe(new IdentityBackfillSummary(1, Written: 1, AlreadyPresent: 0, Conflicting: 0, []), new SummaryComparer());
        whole.ShouldBe(new IdentityBackfillSummary(3, Written: 2, AlreadyPresent: 1, Conflicting: 0, []), new SummaryComparer());
        zetaAgain.ShouldBe(new IdentityBackfillSummary(1, Written: 0, AlreadyPresent: 1, Conflicting: 0, []), new SummaryComparer());
    }

    [Fact]
    public async Task RunAsync_OnePageACall_GoesOnFromEachCursorAndEndsWithNone()
    {
        await BillWithoutIdentitiesAsync([.. Enumerable.Range(0, (2 * IdentityBackfill.PageSize) + 250).Select(i => Call($"events-old{i}"))]);
        var backfill = new IdentityBackfill(ledger, identities);

        var calls = new List<IdentityBackfillSummary> { await backfill.RunAsync(new IdentityBackfillRequest(Pages: 1), CancellationToken.None) };
        while (calls[^1].ContinuationToken is { } cursor)
        {
            calls.Add(await backfill.RunAsync(new IdentityBackfillRequest(cursor, Pages: 1), CancellationToken.None));
        }

        calls.Select(c => (c.Scanned, c.Written, c.ContinuationToken is null)).ShouldBe([(1000, 1000, false), (1000, 1000, false), (250, 250, true)]);
        var repeatedFromTheMiddle = await backfill.RunAsync(new IdentityBackfillRequest(calls[0].ContinuationToken, Pages: 5), CancellationToken.None);
        (repeatedFromTheMiddle.Scanned, repeatedFromTheMiddle.AlreadyPresent, repeatedFromTheMiddle.ContinuationToken).ShouldBe((1250, 1250, null));
    }

    [Fact]
    public async Task RunAsync_BeforeTheBackfill_ARedeliveryNamingAnotherMonthIsBilledAgain()
    {
        await BillWithoutIdentitiesAsync(Call("events-old"));

        var redelivered = await Rating().RateAsync([Call("events-old", start: October - Duration.FromDays(25))], CancellationToken.None);

        redelivered.Rated.ShouldBe(1);
        ledger.All.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_AfterTheBackfill_ARedeliveryNamingAnotherMonthOrAccountIsAConflictNotBilled()
    {
        await BillWithoutIdentitiesAsync(Call("events-old"));
        await new IdentityBackfill(ledger, identities).RunAsync(CancellationToken.None);

        var otherMonth = await Rating().RateAsync([Call("events-old", start: October - Duration.FromDays(25))], CancellationToken.None);
        var otherAccount = await Rating().RateAsync([Call("events-old", account: "zeta")], CancellationToken.None);
        var same = await Rating().RateAsync([Call("events-old")], CancellationToken.None);

        (otherMonth.Conflicts, otherAccount.Conflicts, same.Duplicates).ShouldBe((1, 1, 1));
        ledger.All.ShouldHaveSingleItem().Event.StartedAt.ShouldBe(October);
    }

    [Fact]
    public async Task RunAsync_IdentityClaimedByAnotherVersion_ReportsAConflictAndLeavesTheClaim()
    {
        // The call was billed to acme before identities were kept, then delivered again naming zeta and claimed there.
        await BillWithoutIdentitiesAsync(Call("events-old"));
        await Rating().RateAsync([Call("events-old", account: "zeta")], CancellationToken.None);
        await Rating().RateAsync([Call("events-new")], CancellationToken.None);

        var summary = await new IdentityBackfill(ledger, identities).RunAsync(CancellationToken.None);

        (summary.Scanned, summary.Written, summary.AlreadyPresent, summary.Conflicting).ShouldBe((3, 0, 2, 1));
        var conflict = summary.Conflicts.ShouldHaveSingleItem();
        (conflict.Identity, conflict.AccountId, conflict.PeriodKey, conflict.ClaimedAccountId, conflict.ClaimedPeriodKey)
            .ShouldBe((new EventIdentity("events-old", UsageComponent.Telephony), "acme", "2026-10-01", "zeta", "2026-10-01"));
        conflict.Differences.ShouldBe(["accountId"]);
        (await identities.FindAsync(conflict.Identity, CancellationToken.None)).ShouldNotBeNull().Billed.AccountId.ShouldBe("zeta");
    }

    [Fact]
    public async Task RunAsync_EmptyLedger_ScansNothing() =>
        (await new IdentityBackfill(ledger, identities).RunAsync(CancellationToken.None)).Scanned.ShouldBe(0);

    private sealed class SummaryComparer : IEqualityComparer<IdentityBackfillSummary>
    {
        public bool Equals(IdentityBackfillSummary? x, IdentityBackfillSummary? y) =>
            x is not null && y is not null && (x.Scanned, x.Written, x.AlreadyPresent, x.Conflicting) == (y.Scanned, y.Written, y.AlreadyPresent, y.Conflicting)
            && x.Conflicts.SequenceEqual(y.Conflicts);

        public int GetHashCode(IdentityBackfillSummary obj) => obj.Scanned;
    }
}
