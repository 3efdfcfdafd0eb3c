using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Rating;

/// <summary>Saved CDR windows of one file rated at once on Azurite (<c>Rating:WindowsAtOnce</c>): windows of one account and period whose
/// calls overlap, and a window delivered again while its first delivery is still being rated, bill every call once and count every
/// line once in its true class.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WindowsAtOnceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 12, 0);
    private static readonly Instant Started = Instant.FromUtc(2026, 11, 10, 9, 0);
    private static readonly BillingPeriod Period = BillingPeriod.Containing(new LocalDate(2026, 11, 10), 1);

    private static readonly PricePlan Plan = new("windows-plan", "Windows", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerSecond),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly ScratchTables tables = new(azurite);
    private readonly ScratchBlobs blobs = new(azurite);
    private TableUsageLedger ledger = null!;
    private TableIngestCounters counters = null!;
    private TableCdrFileRatings fileRatings = null!;
    private BlobCdrWindows windows = null!;
    private CountedUsageRating rating = null!;

    public async Task InitializeAsync()
    {
        ledger = new TableUsageLedger(tables);
        var identities = new TableEventIdentities(tables);
        var quarantine = new TableQuarantine(tables, blobs);
        var accounts = new TableAccountDirectory(tables, SystemClock.Instance);
        var plans = new TablePlanCatalog(tables);
        var cycles = new TableCycleLedger(tables);
        counters = new TableIngestCounters(tables);
        fileRatings = new TableCdrFileRatings(tables);
        windows = new BlobCdrWindows(blobs);
        await tables.ReadyAsync(ledger);
        await blobs.ReadyAsync(windows);
        await plans.SetAsync(Plan, CancellationToken.None);
        var recording = new UsageRecording(identities, ledger, cycles, new LateUsagePlacement(cycles, ledger), quarantine, fileRatings: fileRatings);
        var clock = new NodaTime.Testing.FakeClock(Now);
        rating = new CountedUsageRating(
            new UsageRating(accounts, plans, quarantine, recording, PlausibilityPolicy.Default, clock), counters, fileRatings, clock, windows, windowsAtOnce: 2);
    }

    public async Task DisposeAsync()
    {
        await tables.DeleteAsync();
        await blobs.DeleteAsync();
    }

    [Fact]
    public async Task RateMessageAsync_TwoWindowsOfOneAccountAtOnceOneDeliveredTwice_BillsEachCallOnceAndCountsEachLineOnce()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var owner = new Account($"w-{run}", "Windows Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await new TableAccountDirectory(tables, SystemClock.Instance).SetAsync(owner, CancellationToken.None);
        var file = $"asterisk/UTC/{run}.csv";
        // The second window repeats the first window's first 40 calls (a file that lists calls twice), so both windows claim them at once.
        var first = Enumerable.Range(0, 250).Select(k => Call(run, owner, $"a{k}")).ToList();
        var second = Enumerable.Range(0, 250).Select(k => Call(run, owner, $"b{k}")).Concat(first.Take(40)).ToList();
        var firstMessage = await SaveAsync(file, 1, 250, first);
        var secondMessage = await SaveAsync(file, 251, 540, second);

        // The first window's message is delivered again while it is being rated (its hidden time ran out): three at once, two slots.
        var summaries = await Task.WhenAll(
            rating.RateMessageAsync(firstMessage, CancellationToken.None),
            rating.RateMessageAsync(secondMessage, CancellationToken.None),
            rating.RateMessageAsync(firstMessage, CancellationToken.None));

        // Either window may claim the 40 calls both name first; each is rated by the one and a duplicate in the other.
        summaries[2].ShouldBe(summaries[0]); // the same delivery names: its calls are its own, rated, not duplicates
        (summaries[0].Rated + summaries[1].Rated, summaries[0].Duplicates + summaries[1].Duplicates).ShouldBe((500, 40));
        (summaries[0].Rated + summaries[0].Duplicates, summaries[1].Rated + summaries[1].Duplicates).ShouldBe((250, 290));
        var rows = await ledger.ListAsync(owner.Id, Period, CancellationToken.None);
        rows.Count.ShouldBe(500);
        rows.Select(r => r.Event.EventId).Distinct().Count().ShouldBe(500);
        (await fileRatings.SumAsync(file, "\"0x1\"", CancellationToken.None)).ShouldBe(new CdrRatingCounts(Rated: 500, Duplicates: 40));
        var counted = await counters.ListAsync("asterisk", Now.InUtc().Date, Now.InUtc().Date, CancellationToken.None);
        counted.Sum(c => c.Counts.Rated).ShouldBe(500);
        counted.Sum(c => c.Counts.Duplicates).ShouldBe(40);
    }

    private async Task<string> SaveAsync(string file, long firstLine, long lastLine, IReadOnlyList<UsageEvent> events)
    {
        var name = $"{file}/0x1/{firstLine:D19}";
        await windows.SaveAsync(name, events, CancellationToken.None);
        return new RatingMessage([], new CdrBatch(file, "\"0x1\"", firstLine, lastLine, CdrBatch.WholeWindow), ReceivedOn: Now.InUtc().Date) { Window = name }.ToJson();
    }

    private static UsageEvent Call(string run, Account owner, string id) =>
        new($"asterisk-{run}-{id}", "asterisk", $"{run}-{id}", Started, 120, CallDirection.Inbound, "+13035550900", "+17205550900",
            UsageComponent.Telephony, Answered: true, AccountId: owner.Id);
}
