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
}
