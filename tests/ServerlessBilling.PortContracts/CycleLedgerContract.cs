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

    [Fact]
    public async Task TryClaimSettlementAsync_AgainstTheReadVersion_RecordsTheClaimOnce()
    {
        var first = Claim("rerate:acme:2026-10-01:fix-1", 0.15m);
        var record = await Port.FindSettlementAsync(AcmeOctober, default);

        var claimed = await Port.TryClaimSettlementAsync(AcmeOctober, record.Version, first, default);
        var again = await Port.TryClaimSettlementAsync(AcmeOctober, record.Version, Claim("rerate:acme:2026-10-01:fix-2", 0.15m), default);

        (record, claimed, again).ShouldBe((SettlementRecord.None, true, false));
        (await Port.FindSettlementAsync(AcmeOctober, default)).Last.ShouldBe(first);
    }

    [Fact]
    public async Task TryClaimSettlementAsync_ConcurrentClaimsFromOneState_ExactlyOneWins()
    {
        var before = await Port.TryClaimSettlementAsync(AcmeOctober, null, Claim("rerate:first", 1m), default);
        var read = await Port.FindSettlementAsync(AcmeOctober, default);

        var claims = await AllAtOnceAsync(8, i => Port.TryClaimSettlementAsync(AcmeOctober, read.Version, Claim($"rerate:run-{i}", 2m), default));

        before.ShouldBeTrue();
        claims.Count(c => c).ShouldBe(1);
        var after = await Port.FindSettlementAsync(AcmeOctober, default);
        after.Last!.Key.ShouldBe($"rerate:run-{Array.IndexOf(claims, true)}");
        after.Version.ShouldNotBe(read.Version);
    }

    [Fact]
    public async Task FindSettlementAsync_OtherPeriod_IsItsOwnRecord()
    {
        await Port.TryClaimSettlementAsync(AcmeOctober, null, Claim("rerate:october", 1m), default);

        (await Port.FindSettlementAsync(AcmeOctober with { PeriodStart = "2026-11-01" }, default)).ShouldBe(SettlementRecord.None);
        (await Port.HasStartedAsync(AcmeOctober, default)).ShouldBeFalse();
    }

    private static SettlementClaim Claim(string key, decimal amount) =>
        new(SettlementKind.Charge, key, new Money(amount, "USD"), "Re-rating of usage", Samples.Noon);
}
