using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tests.Accounts;

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

        started.TakeFirstRun(cycle.InstanceId).ShouldBe(Clinic);
        started.TakeFirstRun(cycle.InstanceId).ShouldBeNull();
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
        started.TakeFirstRun("cycle:one-more:2026-11-01").ShouldBe(Clinic);
        started.TakeFirstRun("cycle:a0:2026-11-01").ShouldBeNull();
    }
}
