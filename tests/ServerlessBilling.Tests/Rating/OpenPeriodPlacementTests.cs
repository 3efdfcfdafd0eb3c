using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The open-period shortcut of <see cref="LateUsagePlacement"/>: no cycle-ledger read for a period that ends more than the
/// margin from now, and, from the margin on, the same placement as always, a started close included.</summary>
public class OpenPeriodPlacementTests
{
    // Acme bills in Chicago on day 1: October ends at 2026-11-01 05:00Z.
    private static readonly Instant EndOfOctober = Instant.FromUtc(2026, 11, 1, 5, 0);
    private static readonly Duration Margin = Duration.FromMinutes(60);
    private static readonly Instant MidOctober = Instant.FromUtc(2026, 10, 15, 12, 0);

    private readonly InMemoryCycleLedger cycles = new();
    private readonly InMemoryUsageLedger usage = new();
    private readonly List<string> reads = [];

    private LateUsagePlacement PlacementAt(Instant now) => new(new CountingCycleLedger(cycles, reads), usage, new FakeClock(now), Margin);

    [Fact]
    public async Task PlaceAsync_PeriodEndsAfterTheMargin_IsItsOwnPeriodWithoutARead()
    {
        var now = EndOfOctober - Margin - Duration.FromSeconds(1);

        var place = await PlacementAt(now).PlaceAsync(TestPlans.Acme, TestPlans.Call("on-time", MidOctober, 60), CancellationToken.None);

        place.ShouldBe(new UsagePlacement(BillingPeriod.Containing(new LocalDate(2026, 10, 1), 1), null, false));
        reads.ShouldBeEmpty();
    }

    [Fact]
    public async Task PlaceAsync_AMessageOfCallsInOpenPeriods_ReadsOnlyThePeriodWithinTheMargin()
    {
        // A message names October calls (more than the margin from its end) and one September call (its period long ended).
        var now = EndOfOctober - Margin - Duration.FromSeconds(1);
        var september = Instant.FromUtc(2026, 9, 20, 12, 0);
        (ServerlessBilling.Accounts.Account, ServerlessBilling.Usage.UsageEvent)[] calls =
        [
            (TestPlans.Acme, TestPlans.Call("oct-1", MidOctober, 60)),
            (TestPlans.Acme, TestPlans.Call("sep-1", september, 60)),
            (TestPlans.Acme, TestPlans.Call("oct-2", MidOctober + Duration.FromHours(1), 60)),
        ];

        var place = await PlacementAt(now).PlaceAsync(calls, CancellationToken.None);

        place.Select(p => p.Period.Key).ShouldBe(["2026-10-01", "2026-09-01", "2026-10-01"]);
        reads.ShouldBe(["2026-09-01"]);
    }

    [Theory]
    [InlineData(-60)] // exactly the margin before the end: read
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(30)]
    public async Task PlaceAsync_WithinTheMarginOrAfterTheEnd_ReadsTheLedgerAsBefore(int minutesFromEnd)
    {
        var now = EndOfOctober + Duration.FromMinutes(minutesFromEnd);

        var place = await PlacementAt(now).PlaceAsync(TestPlans.Acme, TestPlans.Call("near-the-end", MidOctober, 60), CancellationToken.None);

        place.Period.Key.ShouldBe("2026-10-01");
        reads.ShouldBe(["2026-10-01"]);
    }

    [Fact]
    public async Task PlaceAsync_CloseStarted_IsPlacedInTheNextPeriodExactlyAsWithoutTheShortcut()
    {
        var now = EndOfOctober + Duration.FromHours(25);
        var decision = await new CycleStarts(new InMemoryAccountDirectory(TestPlans.Acme), cycles).DecideAsync(new CycleRequest(TestPlans.Acme.Id, "2026-10-01"), now, CancellationToken.None);
        decision.ShouldBe(CycleStartDecision.Start);
        var call = TestPlans.Call("late", MidOctober, 60);

        var place = await PlacementAt(now).PlaceAsync([(TestPlans.Acme, call)], CancellationToken.None);

        place.ShouldBe([await new LateUsagePlacement(cycles, usage).PlaceAsync(TestPlans.Acme, call, CancellationToken.None)]);
        place[0].ShouldBe(new UsagePlacement(BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1), "2026-10-01", false));
        reads.ShouldBe(["2026-10-01", "2026-11-01"]);
    }

    /// <summary>The shortcut is sound only because no close starts before its period ends: at every instant the placement skips the
    /// read, starting that period's close is refused (every path that starts a close goes through <see cref="CycleStarts"/>).</summary>
    [Fact]
    public async Task PlaceAsync_WheneverTheReadIsSkipped_NoCloseOfThatPeriodCanStart()
    {
        var starts = new CycleStarts(new InMemoryAccountDirectory(TestPlans.Acme), cycles);
        var random = new Random(17);
        var skipped = 0;
        for (var i = 0; i < 500; i++)
        {
            var now = EndOfOctober + Duration.FromSeconds(random.Next(-3 * 3600, 3600));
            reads.Clear();
            await PlacementAt(now).PlaceAsync(TestPlans.Acme, TestPlans.Call($"c-{i}", MidOctober, 60), CancellationToken.None);
            if (reads.Count > 0)
            {
                continue;
            }

            skipped++;
            var decision = await starts.DecideAsync(new CycleRequest(TestPlans.Acme.Id, "2026-10-01"), now, CancellationToken.None);
            decision.Status.ShouldBe(CycleStartStatus.Invalid, $"a close started at {now}, when rating skipped the read");
        }

        skipped.ShouldBeInRange(200, 400); // both sides of the margin were drawn
        (await cycles.HasStartedAsync(new CycleRequest(TestPlans.Acme.Id, "2026-10-01"), CancellationToken.None)).ShouldBeFalse();
    }
}
