using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Parts of a call wait by source, call and part until joined; a redelivered part replaces the one stored.</summary>
public abstract class CallPartStoreContract : PortContract<ICallPartStore>
{
    private static UsageEvent Part(string callKey, int seconds) =>
        new($"telnyx-{callKey}", "telnyx", callKey, Samples.Noon, seconds, CallDirection.Inbound, "+14155550100", "+18885550100", UsageComponent.Telephony, true);

    [Fact]
    public async Task FindAsync_NotArrived_IsNull() =>
        (await Port.FindAsync("telnyx", "call-1", "hangup", default)).ShouldBeNull();

    [Fact]
    public async Task PutAsync_Part_IsFoundUnderItsSourceCallAndPart()
    {
        await Port.PutAsync("telnyx", "call-1", "hangup", Part("call-1", 61), default);

        Samples.Json(await Port.FindAsync("telnyx", "call-1", "hangup", default)).ShouldBe(Samples.Json(Part("call-1", 61)));
        (await Port.FindAsync("telnyx", "call-1", "cost", default)).ShouldBeNull();
        (await Port.FindAsync("telnyx", "call-2", "hangup", default)).ShouldBeNull();
        (await Port.FindAsync("vapi", "call-1", "hangup", default)).ShouldBeNull();
    }

    [Fact]
    public async Task PutAsync_SamePartAgain_ReplacesIt()
    {
        await Port.PutAsync("telnyx", "call-1", "hangup", Part("call-1", 61), default);

        await Port.PutAsync("telnyx", "call-1", "hangup", Part("call-1", 62), default);

        (await Port.FindAsync("telnyx", "call-1", "hangup", default))!.DurationSeconds.ShouldBe(62);
    }
}
