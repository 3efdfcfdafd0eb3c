using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;

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
}
