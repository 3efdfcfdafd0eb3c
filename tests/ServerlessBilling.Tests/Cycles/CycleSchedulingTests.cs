using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.Cycles;

public class CycleSchedulingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 5, 6, 0);

    private static Account Account(string id, string zone = "UTC", int billCycleDay = 1) =>
        new(id, id, "plan", new BillingProfile(zone, billCycleDay, "USD"));

    private static (CycleScheduling Scheduling, InMemoryCycleLedger Ledger) Create(IAccountDirectory accounts, CycleScheduleOptions? options = null)
    {
        var ledger = new InMemoryCycleLedger();
        return (new CycleScheduling(accounts, new CycleStarts(accounts, ledger), options ?? CycleScheduleOptions.Default), ledger);
    }

    [Fact]
    public async Task CloseDueAsync_AccountsInSeveralZonesAndCycleDays_StartsEachLatestEndedPeriod()
    {
        var accounts = new InMemoryAccountDirectory(Account("a-utc"), Account("b-tokyo", "Asia/Tokyo"), Account("c-day15", "America/Denver", 15));
        var (scheduling, _) = Create(accounts);
        var engine = new RecordingOrchestrations();

        var summary = await scheduling.CloseDueAsync(Now, engine, CancellationToken.None);

        summary.Started.ShouldBe(
        [
            new CycleRequest("a-utc", "2026-11-01"),
            new CycleRequest("b-tokyo", "2026-11-01"),
            new CycleRequest("c-day15", "2026-10-15"),
        ]);
        engine.InstanceIds.Order().ShouldBe(["cycle:a-utc:2026-11-01", "cycle:b-tokyo:2026-11-01", "cycle:c-day15:2026-10-15"]);
    }

    [Fact]
    public async Task CloseDueAsync_RunTwice_StartsEachCloseOnce()
    {
        var accounts = new InMemoryAccountDirectory(Account("a"), Account("b"));
        var (scheduling, _) = Create(accounts);
        var engine = new RecordingOrchestrations();

        var first = await scheduling.CloseDueAsync(Now, engine, CancellationToken.None);
        var second = await scheduling.CloseDueAsync(Now.Plus(Duration.FromHours(24)), engine, CancellationToken.None);

        first.Started.Count.ShouldBe(2);
        second.ShouldBe(new CloseDueSummary(2, [], 2, 0), new CloseDueSummaryComparer());
        engine.InstanceIds.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CloseDueAsync_LedgerRowWithoutInstance_SchedulesItOnTheNextCheck()
    {
        var accounts = new InMemoryAccountDirectory(Account("crashed"));
        var (scheduling, ledger) = Create(accounts);
        await ledger.TryRecordStartAsync(new CycleRequest("crashed", "2026-11-01"), Now, CancellationToken.None);
        var engine = new RecordingOrchestrations();

        var summary = await scheduling.CloseDueAsync(Now, engine, CancellationToken.None);

        summary.Started.ShouldBe([new CycleRequest("crashed", "2026-11-01")]);
    }

    [Fact]
    public async Task CloseDueAsync_WithinTheGraceWindow_StartsNothingForThatPeriod()
    {
        var accounts = new InMemoryAccountDirectory(Account("a"));
        var (scheduling, _) = Create(accounts, CycleScheduleOptions.Default with { Grace = Duration.FromDays(5) });
        var engine = new RecordingOrchestrations();

        var summary = await scheduling.CloseDueAsync(Instant.FromUtc(2026, 12, 5, 23, 0), engine, CancellationToken.None);

        // November ended 4 days 23 hours ago: the due period is still October.
        summary.Started.ShouldBe([new CycleRequest("a", "2026-10-01")]);
    }

    [Fact]
    public async Task CloseDueAsync_AccountNotYetActive_IsNothingDue()
    {
        var accounts = new InMemoryAccountDirectory(Account("new") with { ActiveFrom = new LocalDate(2026, 12, 1) });
        var (scheduling, _) = Create(accounts);

        var summary = await scheduling.CloseDueAsync(Now, new RecordingOrchestrations(), CancellationToken.None);

        summary.ShouldBe(new CloseDueSummary(1, [], 0, 1), new CloseDueSummaryComparer());
    }

    [Fact]
    public async Task CloseDueAsync_ManyAccountsOverSeveralPages_StartsAllWithinTheConcurrencyCap()
    {
        var accounts = new InMemoryAccountDirectory([.. Enumerable.Range(0, 25).Select(i => Account($"acct-{i:00}"))]);
        var (scheduling, _) = Create(accounts, CycleScheduleOptions.Default with { MaxConcurrentStarts = 3, PageSize = 10 });
        var engine = new RecordingOrchestrations(TimeSpan.FromMilliseconds(20));

        var summary = await scheduling.CloseDueAsync(Now, engine, CancellationToken.None);

        summary.Accounts.ShouldBe(25);
        summary.Started.Count.ShouldBe(25);
        engine.MostInFlight.ShouldBeLessThanOrEqualTo(3);
        engine.MostInFlight.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task CloseDueAsync_EngineFailsForOneAccount_StartsTheOthersAndReportsTheFailure()
    {
        var accounts = new InMemoryAccountDirectory(Account("a"), Account("broken"), Account("c"));
        var (scheduling, _) = Create(accounts);

        var summary = await scheduling.CloseDueAsync(Now, new FailingFor("broken"), CancellationToken.None);

        summary.Started.Select(r => r.AccountId).ShouldBe(["a", "c"]);
        summary.Failed.ShouldBe([new FailedStart(new CycleRequest("broken", "2026-11-01"), "engine unavailable")]);
    }

    [Fact]
    public async Task CloseDueAsync_ScopedByAccountPrefix_CountsAndStartsOnlyThoseAccounts()
    {
        var accounts = new InMemoryAccountDirectory(
            Account("east-1"), Account("east-2"), Account("east-new") with { ActiveFrom = new LocalDate(2026, 12, 1) }, Account("eastern"), Account("west-1"));
        var (scheduling, _) = Create(accounts, CycleScheduleOptions.Default with { PageSize = 2 });
        var engine = new RecordingOrchestrations();

        var first = await scheduling.CloseDueAsync(Now, engine, "east-", CancellationToken.None);
        var second = await scheduling.CloseDueAsync(Now, engine, "east-", CancellationToken.None);

        first.ShouldBe(new CloseDueSummary(3, [new CycleRequest("east-1", "2026-11-01"), new CycleRequest("east-2", "2026-11-01")], 0, 1), new CloseDueSummaryComparer());
        second.ShouldBe(new CloseDueSummary(3, [], 2, 1), new CloseDueSummaryComparer());
        engine.InstanceIds.Order().ShouldBe(["cycle:east-1:2026-11-01", "cycle:east-2:2026-11-01"]);
    }

    private sealed class FailingFor(string accountId) : ICycleOrchestrations
    {
        public Task<bool> EnsureScheduledAsync(CycleRequest request, CancellationToken cancellationToken) =>
            request.AccountId == accountId ? throw new InvalidOperationException("engine unavailable") : Task.FromResult(true);
    }

    private sealed class CloseDueSummaryComparer : IEqualityComparer<CloseDueSummary>
    {
        public bool Equals(CloseDueSummary? x, CloseDueSummary? y) =>
            x is not null && y is not null && x.Accounts == y.Accounts && x.AlreadyStarted == y.AlreadyStarted
            && x.NothingDue == y.NothingDue && x.Started.SequenceEqual(y.Started);

        public int GetHashCode(CloseDueSummary obj) => obj.Accounts;
    }
}
