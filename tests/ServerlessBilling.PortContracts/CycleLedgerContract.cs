using ServerlessBilling.Cycles;

namespace ServerlessBilling.PortContracts;

/// <summary>The cycle ledger is the gate that starts each (account, period) close once.</summary>
public abstract class CycleLedgerContract : PortContract<ICycleLedger>
{
    private static readonly CycleRequest AcmeOctober = new("acme", "2026-10-01");

    [Fact]
    public async Task TryRecordStartAsync_FirstThenAgain_TrueThenFalse()
    {
        (await Port.TryRecordStartAsync(AcmeOctober, Samples.Noon, default)).ShouldBeTrue();
        (await Port.TryRecordStartAsync(AcmeOctober, Samples.Noon, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task TryRecordStartAsync_ConcurrentStarts_ExactlyOneWins()
    {
        var started = await AllAtOnceAsync(8, _ => Port.TryRecordStartAsync(AcmeOctober, Samples.Noon, default));

        started.Count(s => s).ShouldBe(1);
    }

    [Fact]
    public async Task HasStartedAsync_BeforeAndAfterTheStart_FalseThenTrue()
    {
        (await Port.HasStartedAsync(AcmeOctober, default)).ShouldBeFalse();

        await Port.TryRecordStartAsync(AcmeOctober, Samples.Noon, default);

        (await Port.HasStartedAsync(AcmeOctober, default)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryRecordStartAsync_OtherAccountOrPeriod_IsItsOwnGate()
    {
        await Port.TryRecordStartAsync(AcmeOctober, Samples.Noon, default);

        (await Port.HasStartedAsync(AcmeOctober with { PeriodStart = "2026-11-01" }, default)).ShouldBeFalse();
        (await Port.TryRecordStartAsync(AcmeOctober with { PeriodStart = "2026-11-01" }, Samples.Noon, default)).ShouldBeTrue();
        (await Port.TryRecordStartAsync(AcmeOctober with { AccountId = "zeta" }, Samples.Noon, default)).ShouldBeTrue();
    }
}
