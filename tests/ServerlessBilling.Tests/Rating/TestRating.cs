using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Payments;
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

    /// <summary>Resolution over the same ports. No invoice is stored, so a replacement after a close started is refused as running;
    /// settling one against a final invoice is proven on Azurite with the real correction path.</summary>
    public static QuarantineResolution Resolution(
        UsageRating rating,
        IAccountDirectory accounts,
        IPlanCatalog plans,
        IUsageLedger ledger,
        IQuarantine quarantine,
        ICycleLedger cycles,
        IEventIdentities identities,
        IIngestCounters counters,
        Instant now)
    {
        var closedPeriods = new ClosedPeriodReplacement(accounts, new InMemoryInvoices(), plans, ledger, identities, new LateUsagePlacement(cycles, ledger), null!);
        return new QuarantineResolution(quarantine, rating, cycles, identities, closedPeriods, counters, new FakeClock(now));
    }
}
