using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The calls of a batch that cannot be billed are held in quarantine a hundred at a time, and a retry after a failed write
/// holds and bills each exactly once.</summary>
public class HeldTogetherRatingTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly InMemoryEventIdentities identities = new();
    private readonly InMemoryCycleLedger cycles = new();

    private UsageRating Rating() =>
        TestRating.Create(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), ledger, quarantine, Now, cycles, identities);

    /// <summary>250 calls from a number no account holds, every fifth of 312 calls billable to Acme.</summary>
    private static List<UsageEvent> Batch() => [.. Enumerable.Range(0, 312).Select(i => i % 5 == 4
        ? TestPlans.Call($"call-{i:D3}", Now - Duration.FromDays(1), 60) with { AccountId = TestPlans.Acme.Id }
        : TestPlans.Call($"call-{i:D3}", Now - Duration.FromDays(1), 60) with { AccountId = null, From = "+18885550199", To = "+18885550198" })];

    [Fact]
    public async Task RateAsync_ManyCallsNoAccountHolds_HoldsThemAHundredToAWrite()
    {
        var summary = await Rating().RateAsync(Batch(), "message-1", CancellationToken.None);

        (summary.Rated, summary.Quarantined).ShouldBe((62, 250));
        quarantine.QuarantineWrites.ShouldBe([UsageRating.HeldPerWrite, UsageRating.HeldPerWrite, 50]);
        quarantine.Quarantined.Keys.Order(StringComparer.Ordinal).ShouldBe(
            Batch().Where(e => e.AccountId is null).Select(e => e.EventId).Order(StringComparer.Ordinal));
        ledger.All.Count.ShouldBe(62);
    }

    [Fact]
    public async Task RateAsync_QuarantineFailsPartWay_TheRetryHoldsAndBillsEachOnce()
    {
        quarantine.FailOnQuarantineWrite = 2;

        await Should.ThrowAsync<IOException>(() => Rating().RateAsync(Batch(), "message-1", CancellationToken.None));
        quarantine.Quarantined.Count.ShouldBe(100);
        ledger.All.ShouldBeEmpty(); // the billable calls are recorded after the batch is read

        var retry = await Rating().RateAsync(Batch(), "message-1", CancellationToken.None);

        (retry.Rated, retry.Quarantined).ShouldBe((62, 250));
        quarantine.Quarantined.Count.ShouldBe(250);
        ledger.All.Count.ShouldBe(62);
    }
}
