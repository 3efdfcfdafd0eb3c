using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Usage.Cdr;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Messages rated at the same time, their calls written together (<see cref="CallGathering"/>): each message's outcomes are those
/// separate messages would have, and an identity two of them name is billed once.</summary>
public class GatheredRatingTests
{
    private static readonly Instant October = Instant.FromUtc(2026, 10, 20, 15, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 30, 12, 0);

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryCdrPorts quarantine = new();
    private readonly HeldIdentities identities = new();
    private readonly UsageRecording recording;
    private readonly UsageRating rating;

    public GatheredRatingTests()
    {
        var cycles = new InMemoryCycleLedger();
        recording = new UsageRecording(identities, ledger, cycles, new LateUsagePlacement(cycles, ledger), quarantine, gatherCalls: true);
        rating = new UsageRating(new InMemoryAccountDirectory(TestPlans.Acme), new StandardPlan(), quarantine, recording, PlausibilityPolicy.Default, new FakeClock(Now));
    }

    private static UsageEvent Call(string id) => TestPlans.Call(id, October, 90) with { Source = "events", AccountId = "acme" };

    [Fact]
    public async Task RateAsync_MessagesSharingIdentitiesGatheredBehindAWrite_BillEachIdentityOnceAndClassEachMessageAsAlone()
    {
        var first = rating.RateAsync([Call("events-e0")], "m0", CancellationToken.None);
        await identities.FirstClaim.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var m1 = rating.RateAsync([Call("events-e1"), Call("events-e2")], "m1", CancellationToken.None);
        var m2 = rating.RateAsync([Call("events-e2"), Call("events-e3")], "m2", CancellationToken.None);
        var m3 = rating.RateAsync([Call("events-e1"), Call("events-e0")], "m3", CancellationToken.None);
        await Task.Delay(100);
        identities.Release.SetResult();

        (await first).ShouldBe(new RatingSummary(Rated: 1, Duplicates: 0, Quarantined: 0));
        (await m1).ShouldBe(new RatingSummary(Rated: 2, Duplicates: 0, Quarantined: 0));
        (await m2).ShouldBe(new RatingSummary(Rated: 1, Duplicates: 1, Quarantined: 0));
        (await m3).ShouldBe(new RatingSummary(Rated: 0, Duplicates: 2, Quarantined: 0));
        ledger.All.Select(u => u.Event.EventId).Order().ShouldBe(["events-e0", "events-e1", "events-e2", "events-e3"]);
        recording.Gathering.ShouldNotBeNull().Gathered.ShouldBe((4L, 2L));
    }

    /// <summary>In-memory claims whose first batch waits to be released, so the messages that follow gather behind it.</summary>
    private sealed class HeldIdentities : IEventIdentities
    {
        private readonly InMemoryEventIdentities inner = new();
        private int calls;

        public TaskCompletionSource FirstClaim { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IdentityClaim?> TryClaimAsync(IdentityClaim claim, CancellationToken cancellationToken) => inner.TryClaimAsync(claim, cancellationToken);

        public async Task<IReadOnlyList<IdentityClaim?>> TryClaimAllAsync(IReadOnlyList<IdentityClaim> claims, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                FirstClaim.SetResult();
            }

            await Release.Task;
            return await ((IEventIdentities)inner).TryClaimAllAsync(claims, cancellationToken);
        }

        public Task<IdentityClaim?> FindAsync(EventIdentity identity, CancellationToken cancellationToken) => inner.FindAsync(identity, cancellationToken);

        public Task ReplaceAsync(IdentityClaim claim, CancellationToken cancellationToken) => inner.ReplaceAsync(claim, cancellationToken);
    }
}
