using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Payments;
using ServerlessBilling.Tests.Rating;

namespace ServerlessBilling.Tests.Cycles;

public sealed class StartedClosesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 5, 6, 0);

    private static readonly Account Clinic = new("clinic", "Clinic", "plan", new BillingProfile("UTC", 1, "USD"));

    [Fact]
    public async Task DecideAsync_RecordingTheStart_NotesTheCloseOnce()
    {
        var started = new StartedCloses(new FakeClock(Now));
        var starts = new CycleStarts(new InMemoryAccountDirectory(Clinic), new InMemoryCycleLedger(), started);
        var cycle = new CycleRequest("clinic", "2026-11-01");

        (await starts.DecideAsync(cycle, Now, CancellationToken.None)).Status.ShouldBe(CycleStartStatus.Start);

        started.TakeFirstRun(cycle.InstanceId).ShouldBe(new StartedClose(Clinic, null));
        started.TakeFirstRun(cycle.InstanceId).ShouldBeNull();
    }

    [Fact]
    public async Task CloseDueAsync_ThreeAccountsOnOnePlan_ReadsItOnce_AndKeepsItWithEachStart()
    {
        var plan = new PricePlan("plan", "Plan", "USD", []);
        var plans = new CountingPlans(plan);
        var accounts = new InMemoryAccountDirectory(
            Clinic, Clinic with { Id = "clinic-2" }, Clinic with { Id = "clinic-3" }, Clinic with { Id = "other", PlanId = "gone" });
        var started = new StartedCloses(new FakeClock(Now));
        var scheduling = new CycleScheduling(accounts, new CycleStarts(accounts, new InMemoryCycleLedger(), started), CycleScheduleOptions.Default, plans);

        var summary = await scheduling.CloseDueAsync(Now, new RecordingOrchestrations(), CancellationToken.None);

        summary.Started.Count.ShouldBe(4);
        plans.Reads.Order().ShouldBe(["gone", "plan"]);
        foreach (var id in new[] { "clinic", "clinic-2", "clinic-3" })
        {
            started.TakeFirstRun(new CycleRequest(id, "2026-11-01").InstanceId).ShouldNotBeNull().Plan.ShouldNotBeNull().Id.ShouldBe("plan");
        }

        // A plan that cannot be read with the start is left to the draft.
        started.TakeFirstRun(new CycleRequest("other", "2026-11-01").InstanceId).ShouldNotBeNull().Plan.ShouldBeNull();
    }

    [Fact]
    public async Task CloseDueAsync_AdjustmentsWaitingForOneAccount_ReadsThemOnce_AndNotesTheOthersHaveNone()
    {
        var accounts = new InMemoryAccountDirectory(Clinic, Clinic with { Id = "clinic-2" });
        var adjustments = new CountingAdjustments();
        await adjustments.AddAsync(new PendingAdjustment("fee", "clinic-2", AdjustmentKind.LateFee, "Late fee", new Money(1m, "USD"), Now), CancellationToken.None);
        var started = new StartedCloses(new FakeClock(Now));
        var scheduling = new CycleScheduling(
            accounts, new CycleStarts(accounts, new InMemoryCycleLedger(), started), CycleScheduleOptions.Default, adjustments: adjustments);

        (await scheduling.CloseDueAsync(Now, new RecordingOrchestrations(), CancellationToken.None)).Started.Count.ShouldBe(2);

        adjustments.Reads.ShouldBe(1);
        started.TakeFirstRun(new CycleRequest("clinic", "2026-11-01").InstanceId).ShouldNotBeNull().NoUnbilledAdjustments.ShouldBeTrue();
        started.TakeFirstRun(new CycleRequest("clinic-2", "2026-11-01").InstanceId).ShouldNotBeNull().NoUnbilledAdjustments.ShouldBeFalse();
    }

    [Fact]
    public async Task CloseDueAsync_AdjustmentsUnreadable_NotesNothingAboutThem()
    {
        var started = new StartedCloses(new FakeClock(Now));
        var accounts = new InMemoryAccountDirectory(Clinic);
        var scheduling = new CycleScheduling(
            accounts, new CycleStarts(accounts, new InMemoryCycleLedger(), started), CycleScheduleOptions.Default, adjustments: new CountingAdjustments { Fails = true });

        (await scheduling.CloseDueAsync(Now, new RecordingOrchestrations(), CancellationToken.None)).Started.Count.ShouldBe(1);

        started.TakeFirstRun(new CycleRequest("clinic", "2026-11-01").InstanceId).ShouldNotBeNull().NoUnbilledAdjustments.ShouldBeFalse();
    }

    private sealed class CountingAdjustments : IPendingAdjustments
    {
        private readonly InMemoryPendingAdjustments inner = new();

        public int Reads { get; private set; }

        public bool Fails { get; init; }

        public Task<IReadOnlySet<string>?> ListAccountsWithUnbilledAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Fails ? throw new InvalidOperationException("The table is unavailable.") : inner.ListAccountsWithUnbilledAsync(cancellationToken);
        }

        public Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken) => inner.AddAsync(adjustment, cancellationToken);

        public Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
            inner.ListForInvoiceAsync(accountId, invoiceId, cancellationToken);

        public Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken) => inner.ListAsync(accountId, cancellationToken);

        public Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken) =>
            inner.MarkBilledAsync(accountId, adjustmentIds, invoiceId, cancellationToken);
    }

    [Fact]
    public void Recorded_APlanNotTheAccounts_IsNotKept()
    {
        var started = new StartedCloses(new FakeClock(Now));

        started.Recorded("cycle:clinic:2026-11-01", Clinic, new PricePlan("another", "Another", "USD", []));

        started.TakeFirstRun("cycle:clinic:2026-11-01").ShouldBe(new StartedClose(Clinic, null));
    }

    private sealed class CountingPlans(PricePlan plan) : IPlanCatalog
    {
        private readonly InMemoryPlanCatalog inner = new(plan);

        public System.Collections.Concurrent.ConcurrentBag<string> Reads { get; } = [];

        public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken)
        {
            Reads.Add(planId);
            return inner.FindAsync(planId, cancellationToken);
        }

        public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => inner.SetAsync(plan, cancellationToken);

        public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) => inner.FindVersionedAsync(planId, cancellationToken);

        public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) =>
            inner.SetAsync(plan, expectedVersion, cancellationToken);

        public Task<ServerlessBilling.Paging.ListPage<PricePlan>> ListAsync(ServerlessBilling.Paging.PageRequest page, CancellationToken cancellationToken) =>
            inner.ListAsync(page, cancellationToken);
    }

    [Fact]
    public async Task DecideAsync_AStartAlreadyRecorded_NotesNothing()
    {
        var started = new StartedCloses(new FakeClock(Now));
        var ledger = new InMemoryCycleLedger();
        var cycle = new CycleRequest("clinic", "2026-11-01");
        await ledger.TryRecordStartAsync(cycle, Now, CancellationToken.None);
        var starts = new CycleStarts(new InMemoryAccountDirectory(Clinic), ledger, started);

        (await starts.DecideAsync(cycle, Now, CancellationToken.None)).Status.ShouldBe(CycleStartStatus.AlreadyStarted);

        started.TakeFirstRun(cycle.InstanceId).ShouldBeNull();
    }

    [Fact]
    public void TakeFirstRun_AfterKeep_IsFalse()
    {
        var clock = new FakeClock(Now);
        var started = new StartedCloses(clock);
        started.Recorded("cycle:clinic:2026-11-01", Clinic);

        clock.Advance(StartedCloses.Keep);

        started.TakeFirstRun("cycle:clinic:2026-11-01").ShouldBeNull();
    }

    [Fact]
    public void Recorded_AtCapacity_NotesNothingMoreUntilEntriesExpire()
    {
        var clock = new FakeClock(Now);
        var started = new StartedCloses(clock);
        for (var i = 0; i < StartedCloses.Capacity; i++)
        {
            started.Recorded($"cycle:a{i}:2026-11-01", Clinic);
        }

        started.Recorded("cycle:one-more:2026-11-01", Clinic);
        started.TakeFirstRun("cycle:one-more:2026-11-01").ShouldBeNull();

        clock.Advance(StartedCloses.Keep);
        started.Recorded("cycle:one-more:2026-11-01", Clinic);
        started.TakeFirstRun("cycle:one-more:2026-11-01").ShouldBe(new StartedClose(Clinic, null));
        started.TakeFirstRun("cycle:a0:2026-11-01").ShouldBeNull();
    }
}
