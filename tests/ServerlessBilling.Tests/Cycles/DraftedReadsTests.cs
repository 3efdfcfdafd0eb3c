using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Cycles;

public sealed class DraftedReadsTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 0, 0);

    [Fact]
    public void Take_AfterPut_GivesTheDraftsAccountAndPlanOnce()
    {
        var reads = new DraftedReads(new FakeClock(Start));
        reads.Put("inv-1", TestPlans.Acme, TestPlans.Standard);

        reads.Take("inv-1").ShouldBe((TestPlans.Acme, TestPlans.Standard, null));
        reads.Take("inv-1").ShouldBeNull();
        reads.Take("inv-2").ShouldBeNull();
    }

    [Fact]
    public void Take_AfterPutWithTheDraft_GivesTheDraftToo()
    {
        var reads = new DraftedReads(new FakeClock(Start));
        var draft = new Invoice("acme-20261101", "acme", "Acme", BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1), "USD", []);
        reads.Put(draft.Id, TestPlans.Acme, TestPlans.Standard, draft);

        reads.Take(draft.Id).ShouldBe((TestPlans.Acme, TestPlans.Standard, draft));
        reads.Take(draft.Id).ShouldBeNull();
    }

    [Fact]
    public void Take_AfterKeep_IsNull()
    {
        var clock = new FakeClock(Start);
        var reads = new DraftedReads(clock);
        reads.Put("inv-1", TestPlans.Acme, TestPlans.Standard);

        clock.Advance(DraftedReads.Keep);

        reads.Take("inv-1").ShouldBeNull();
    }

    [Fact]
    public void Put_AtCapacity_KeepsNothingMoreUntilEntriesExpire()
    {
        var clock = new FakeClock(Start);
        var reads = new DraftedReads(clock);
        for (var i = 0; i < DraftedReads.Capacity; i++)
        {
            reads.Put($"inv-{i}", TestPlans.Acme, TestPlans.Standard);
        }

        reads.Put("one-more", TestPlans.Acme, TestPlans.Standard);
        reads.Take("one-more").ShouldBeNull();

        clock.Advance(DraftedReads.Keep);
        reads.Put("after-expiry", TestPlans.Acme, TestPlans.Standard);
        reads.Take("after-expiry").ShouldBe((TestPlans.Acme, TestPlans.Standard, null));
    }

    [Fact]
    public void Put_WithUsage_KeepsItWithinTheRowBudgetForAllDrafts()
    {
        var reads = new DraftedReads(new FakeClock(Start));
        var most = new RatedUsage[DraftedReads.UsageRowsKept - 1];
        var two = new RatedUsage[2];
        reads.Put("inv-1", TestPlans.Acme, TestPlans.Standard, usage: most);
        reads.Put("inv-2", TestPlans.Acme, TestPlans.Standard, usage: two);

        reads.TakeAll("inv-2").ShouldNotBeNull().Usage.ShouldBeNull(); // over the budget: kept without its usage
        reads.TakeAll("inv-1").ShouldNotBeNull().Usage.ShouldBeSameAs(most);
        reads.Put("inv-3", TestPlans.Acme, TestPlans.Standard, usage: two); // taken back: room again
        reads.TakeAll("inv-3").ShouldNotBeNull().Usage.ShouldBeSameAs(two);
    }
}
