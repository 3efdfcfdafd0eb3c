using CsCheck;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Random schedules of deliveries against the real ledger, identities, quarantine, accounts, plans and cycle ledger on Azurite:
/// redeliveries, reorderings, conflicting versions across months and accounts, ids built to spell each other's components, and
/// crashes before or after any write followed by a retry of the message. Every other message is a CDR batch whose counts are recorded
/// once it is rated, as the hosts record them, so the claims it made are later settled by that record, not by reading their rows.
/// Whatever the schedule, what is billed is the first version of each (event id, component), once, and every delivered component is
/// in exactly one class.</summary>
[Collection(AzuriteCollection.Name)]
public class ExactlyOncePropertyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);
    private static readonly Instant October = Instant.FromUtc(2026, 10, 10, 12, 0);
    private static readonly BillingPeriod[] Periods = [BillingPeriod.Containing(new LocalDate(2026, 10, 10), 1), BillingPeriod.Containing(new LocalDate(2026, 11, 10), 1)];

    private static readonly PricePlan Plan = new("property-plan", "Property", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerSecond),
            new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.10m, BillingIncrement.PerSecond),
            new UsageRate(UsageComponent.Transfer, CallDirection.Inbound, 0.006m, BillingIncrement.PerSecond),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    /// <summary>The calls a schedule delivers: ids that spell one another's split-off components, or escape alike.</summary>
    private static readonly (string Suffix, UsageComponent Main, UsageComponent? Other)[] Calls =
    [
        ("x", UsageComponent.AiVoice, UsageComponent.Telephony),
        ("x-telephony", UsageComponent.Telephony, null),
        ("x|telephony", UsageComponent.Telephony, null),
        ("x%7Ctelephony", UsageComponent.Telephony, null),
        ("x/telephony", UsageComponent.AiVoice, UsageComponent.Transfer),
        ("x-transfer", UsageComponent.Transfer, null),
    ];

    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private TableUsageLedger ledger = null!;
    private TableEventIdentities identities = null!;
    private TableQuarantine quarantine = null!;
    private TableAccountDirectory accounts = null!;
    private TablePlanCatalog plans = null!;
    private TableCycleLedger cycles = null!;
    private TableCdrFileRatings fileRatings = null!;

    /// <summary>The tables the claims and usage rows are spread over; null for one each.</summary>
    protected virtual LedgerTables? Layout => null;

    private enum Variant
    {
        AsFirstReported,
        StartedAMonthLater,
        NamingAnotherAccount,
        ThirtySecondsLonger,
    }

    public async Task InitializeAsync()
    {
        ledger = new TableUsageLedger(tables, ledger: Layout);
        identities = new TableEventIdentities(tables, ledger: Layout);
        quarantine = new TableQuarantine(tables, blobs);
        accounts = new TableAccountDirectory(tables, SystemClock.Instance);
        plans = new TablePlanCatalog(tables);
        cycles = new TableCycleLedger(tables);
        fileRatings = new TableCdrFileRatings(tables);
        await tables.ReadyAsync(ledger);
        await blobs.ReadyAsync(quarantine);
        await plans.SetAsync(Plan, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Fact]
    public async Task RateAsync_AnySchedule_BillsEachIdentityOnceAtItsFirstVersionAndClassesEveryDelivery()
    {
        var delivery = Gen.Select(Gen.Int[0, Calls.Length - 1], Gen.Enum<Variant>());
        var message = Gen.Select(delivery.Array[1, 3], Gen.Int[0, 4], Gen.Bool);
        await message.Array[2, 7].SampleAsync(RunScheduleAsync, iter: 25, threads: 1, print: Print);
    }

    private async Task RunScheduleAsync(((int Call, Variant Variant)[] Deliveries, int CrashAt, bool AfterWrite)[] schedule)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        Account[] owners = [Owner($"a-{run}"), Owner($"b-{run}")];
        foreach (var owner in owners)
        {
            await accounts.SetAsync(owner, CancellationToken.None);
        }

        var crash = new CrashSwitch();
        var crashingLedger = new CrashingUsageLedger(ledger, crash);
        var recording = new UsageRecording(new CrashingEventIdentities(identities, crash), crashingLedger, cycles, new LateUsagePlacement(cycles, crashingLedger), quarantine, fileRatings: fileRatings);
        var rating = new UsageRating(accounts, plans, quarantine, recording, PlausibilityPolicy.Default, new FixedClock(Now));

        var claimed = new Dictionary<EventIdentity, (Variant Variant, decimal Price)>();
        var conflicts = new HashSet<(EventIdentity, Variant)>();
        var delivered = 0;
        for (var m = 0; m < schedule.Length; m++)
        {
            var (deliveries, crashAt, afterWrite) = schedule[m];
            var events = deliveries.Select(d => Event(run, owners, d.Call, d.Variant)).ToList();
            var expected = RatingSummary.None;
            foreach (var (usage, variant) in events.Zip(deliveries.Select(d => d.Variant)))
            {
                foreach (var component in usage.ByComponent())
                {
                    delivered++;
                    if (claimed.TryGetValue(component.Identity, out var first))
                    {
                        expected = expected.Plus(RatingSummary.Of(first.Variant == variant ? EventOutcome.Duplicate : EventOutcome.Conflict));
                        if (first.Variant != variant)
                        {
                            conflicts.Add((component.Identity, variant));
                        }
                    }
                    else
                    {
                        claimed[component.Identity] = (variant, Rater.Rate(component, Plan, DateTimeZone.Utc, NumberClassifier.Classify(component.To)).Value.Amount.Amount);
                        expected = expected.Plus(RatingSummary.Of(EventOutcome.Recorded));
                    }
                }
            }

            var batch = m % 2 == 0 ? new CdrBatch($"drops/{run}.csv", "\"0x1\"", (m * 10) + 1, (m * 10) + 10, CdrBatch.WholeWindow) : null;
            var name = batch?.DeliveryName ?? $"message-{run}-{m}";
            crash.Arm(crashAt, afterWrite);
            RatingSummary actual;
            try
            {
                actual = await rating.RateAsync(events, name, CancellationToken.None);
            }
            catch (IOException)
            {
                crash.Disarm();
                actual = await rating.RateAsync(events, name, CancellationToken.None); // the queue's retry of the same message
            }

            crash.Disarm();
            actual.ShouldBe(expected, $"message {m}");
            if (batch is not null)
            {
                await fileRatings.RecordAsync(batch, new CdrRatingCounts(actual.Rated, actual.Duplicates, Conflicts: actual.Conflicts), CancellationToken.None);
            }
        }

        var billed = new List<RatedUsage>();
        foreach (var owner in owners)
        {
            foreach (var period in Periods)
            {
                billed.AddRange(await ledger.ListAsync(owner.Id, period, CancellationToken.None));
            }
        }

        billed.Select(b => b.Event.Identity).ShouldBe(claimed.Keys, ignoreOrder: true);
        billed.Sum(b => b.Charge.Amount.Amount).ShouldBe(claimed.Values.Sum(c => c.Price));
        var held = (await quarantine.ListAsync("events", CancellationToken.None)).Where(r => r.Reference.Contains(run, StringComparison.Ordinal)).ToList();
        held.ShouldAllBe(r => r.Kind == QuarantineKind.Conflict);
        held.Count.ShouldBe(conflicts.Count);
        delivered.ShouldBeGreaterThan(0);
    }

    private static Account Owner(string id) => new(id, id, Plan.Id, new BillingProfile("UTC", 1, "USD"));

    private static UsageEvent Event(string run, Account[] owners, int call, Variant variant)
    {
        var (suffix, main, other) = Calls[call];
        var seconds = variant == Variant.ThirtySecondsLonger ? 150 : 120;
        var id = $"events-{run}-{suffix}";
        return new UsageEvent(
            id, "events", id,
            variant == Variant.StartedAMonthLater ? October + Duration.FromDays(31) : October,
            seconds, CallDirection.Inbound, "+13035550900", "+17205550900", main, Answered: true,
            AccountId: owners[variant == Variant.NamingAnotherAccount ? 1 : 0].Id,
            OtherComponents: other is { } component ? [new ComponentUsage(component, seconds)] : null);
    }

    private static string Print(((int Call, Variant Variant)[] Deliveries, int CrashAt, bool AfterWrite)[] schedule) =>
        string.Join(" | ", schedule.Select(m =>
            $"[{string.Join(", ", m.Deliveries.Select(d => $"{Calls[d.Call].Suffix}:{d.Variant}"))}] crash at write {m.CrashAt}{(m.AfterWrite ? " after" : " before")}"));

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
