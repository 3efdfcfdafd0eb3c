using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Cycles;

namespace ServerlessBilling.Tests.Rating;

public class LateUsagePlacementTests
{
    // Acme bills in Chicago on day 1: 2026-10-31 23:30 Chicago (04:30Z on Nov 1) is still October.
    private static readonly Instant LastHalfHourOfOctober = Instant.FromUtc(2026, 11, 1, 4, 30);

    private readonly InMemoryCycleLedger cycles = new();
    private readonly InMemoryUsageLedger usage = new();

    private LateUsagePlacement Placement => new(cycles, usage);

    private Task CloseStartedAsync(string periodStart) =>
        cycles.TryRecordStartAsync(new CycleRequest(TestPlans.Acme.Id, periodStart), Instant.FromUtc(2026, 12, 2, 0, 0), CancellationToken.None);

    [Fact]
    public async Task PlaceAsync_OwnPeriodOpen_IsItsOwnPeriodNotLate()
    {
        var place = await Placement.PlaceAsync(TestPlans.Acme, TestPlans.Call("on-time", LastHalfHourOfOctober, 60), CancellationToken.None);

        place.ShouldBe(new UsagePlacement(BillingPeriod.Containing(new LocalDate(2026, 10, 1), 1), null, false));
    }

    [Fact]
    public async Task PlaceAsync_OwnPeriodClosing_IsTheNextPeriodAsPriorPeriodUsage()
    {
        await CloseStartedAsync("2026-10-01");

        var place = await Placement.PlaceAsync(TestPlans.Acme, TestPlans.Call("late", LastHalfHourOfOctober, 60), CancellationToken.None);

        place.ShouldBe(new UsagePlacement(BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1), "2026-10-01", false));
        place.IsLate.ShouldBeTrue();
    }

    [Fact]
    public async Task PlaceAsync_NextPeriodClosingToo_SkipsToTheFirstOpenPeriod()
    {
        await CloseStartedAsync("2026-10-01");
        await CloseStartedAsync("2026-11-01");

        var place = await Placement.PlaceAsync(TestPlans.Acme, TestPlans.Call("very-late", LastHalfHourOfOctober, 60), CancellationToken.None);

        place.Period.Key.ShouldBe("2026-12-01");
        place.PriorPeriodKey.ShouldBe("2026-10-01");
    }

    [Fact]
    public async Task PlaceAsync_RedeliveryOfAnEventBilledOnTime_IsAlreadyRecorded()
    {
        var call = TestPlans.Call("billed", LastHalfHourOfOctober, 60);
        await usage.TryRecordAsync(new RatedUsage(call, TestPlans.Acme.Id, "2026-10-01", Rater.Rate(call, TestPlans.Standard, TestPlans.Acme.Billing.Zone).Value), CancellationToken.None);
        await CloseStartedAsync("2026-10-01");

        var place = await Placement.PlaceAsync(TestPlans.Acme, call, CancellationToken.None);

        place.AlreadyRecorded.ShouldBeTrue();
    }

    [Fact]
    public async Task PlaceAsync_RedeliveryOfALateEventAfterTheNextCloseStarted_IsAlreadyRecorded()
    {
        var call = TestPlans.Call("late-twice", LastHalfHourOfOctober, 60);
        await CloseStartedAsync("2026-10-01");
        var first = await Placement.PlaceAsync(TestPlans.Acme, call, CancellationToken.None);
        var charge = Rater.Rate(call, TestPlans.Standard, TestPlans.Acme.Billing.Zone).Value;
        await usage.TryRecordAsync(new RatedUsage(call, TestPlans.Acme.Id, first.Period.Key, charge) { PriorPeriodKey = first.PriorPeriodKey }, CancellationToken.None);
        await CloseStartedAsync("2026-11-01");

        var again = await Placement.PlaceAsync(TestPlans.Acme, call, CancellationToken.None);

        again.AlreadyRecorded.ShouldBeTrue();
        again.Period.Key.ShouldBe("2026-11-01");
    }

    [Fact]
    public async Task PlaceAsync_MessageOfCalls_ReadsEachAccountPeriodsCloseOnceAndPlacesEachCallAsAlone()
    {
        await CloseStartedAsync("2026-10-01");
        var billed = TestPlans.Call("billed-in-october", LastHalfHourOfOctober, 60);
        var charge = Rater.Rate(billed, TestPlans.Standard, TestPlans.Acme.Billing.Zone).Value;
        await usage.TryRecordAsync(new RatedUsage(billed, TestPlans.Acme.Id, "2026-10-01", charge), CancellationToken.None);
        var counting = new CountingCycleLedger(cycles);
        var november = LastHalfHourOfOctober + Duration.FromDays(3);
        (NodaTime.Instant Start, string Id)[] calls =
            [(LastHalfHourOfOctober, "late-1"), (november, "on-time-1"), (LastHalfHourOfOctober - Duration.FromHours(1), "late-2"), (november, "on-time-2")];
        var message = calls.Select(c => (TestPlans.Acme, TestPlans.Call(c.Id, c.Start, 60))).Append((TestPlans.Acme, billed)).ToList();

        var places = await new LateUsagePlacement(counting, usage).PlaceAsync(message, CancellationToken.None);

        var alone = new List<UsagePlacement>();
        foreach (var (account, call) in message)
        {
            alone.Add(await Placement.PlaceAsync(account, call, CancellationToken.None));
        }

        places.ShouldBe(alone);
        places.Select(p => (p.Period.Key, p.PriorPeriodKey, p.AlreadyRecorded)).ShouldBe(
        [
            ("2026-11-01", "2026-10-01", false), ("2026-11-01", null, false), ("2026-11-01", "2026-10-01", false), ("2026-11-01", null, false),
            ("2026-10-01", null, true),
        ]);
        counting.Reads.ShouldBe(["2026-10-01", "2026-11-01"]); // five calls, two account periods: each read once
    }
}
