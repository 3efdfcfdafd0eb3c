using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.PortContracts;

/// <summary>Portal revocations per account: none until revoked; a revocation stores its instant; a later one moves it forward, an
/// earlier one (a late retry) changes nothing; accounts are apart; revocations at once keep the latest.</summary>
public abstract class PortalRevocationsContract : PortContract<IPortalRevocations>
{
    [Fact]
    public async Task FindAsync_NeverRevoked_IsNull() =>
        (await Port.FindAsync("acct-never", default)).ShouldBeNull();

    [Fact]
    public async Task RevokeAsync_LaterMovesForward_EarlierIsKept()
    {
        (await Port.RevokeAsync("acct-1", Samples.Noon, default)).ShouldBe(Samples.Noon);
        (await Port.FindAsync("acct-1", default)).ShouldBe(Samples.Noon);

        var later = Samples.Noon + Duration.FromMinutes(5);
        (await Port.RevokeAsync("acct-1", later, default)).ShouldBe(later);
        (await Port.RevokeAsync("acct-1", Samples.Noon, default)).ShouldBe(later);

        (await Port.FindAsync("acct-1", default)).ShouldBe(later);
        (await Port.FindAsync("acct-2", default)).ShouldBeNull();
    }

    [Fact]
    public async Task RevokeAsync_AllAtOnce_KeepsTheLatest()
    {
        await AllAtOnceAsync(6, i => Port.RevokeAsync("acct-race", Samples.Noon + Duration.FromSeconds(i), default));

        (await Port.FindAsync("acct-race", default)).ShouldBe(Samples.Noon + Duration.FromSeconds(5));
    }
}
