using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Rating over in-memory ports, its clock standing still at the time given (plausibility limits are checked against it).</summary>
public static class TestRating
{
    public static UsageRating Create(
        IAccountDirectory accounts,
        IPlanCatalog plans,
        IUsageLedger ledger,
        IQuarantine quarantine,
        Instant now,
        ICycleLedger? cycles = null,
        IEventIdentities? identities = null,
        PlausibilityPolicy? limits = null)
    {
        cycles ??= new InMemoryCycleLedger();
        var recording = new UsageRecording(identities ?? new InMemoryEventIdentities(), ledger, cycles, new LateUsagePlacement(cycles, ledger), quarantine);
        return new UsageRating(accounts, plans, quarantine, recording, limits ?? PlausibilityPolicy.Default, new FakeClock(now));
    }
}
