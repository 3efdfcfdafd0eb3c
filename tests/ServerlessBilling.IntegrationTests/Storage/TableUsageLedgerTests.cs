using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableUsageLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryRecordAsync_SameEventTwice_KeepsOne()
    {
        var ledger = new TableUsageLedger(azurite.Tables);
        var account = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        var period = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);
        var usage = new UsageEvent("twilio-CA42", "twilio", "CA42", Instant.FromUtc(2026, 10, 5, 12, 0), 61,
            CallDirection.Inbound, "+14155550100", "+18885550100", UsageComponent.Telephony, true);
        var rated = new RatedUsage(usage, account, period.Key, new Charge(120, new Money(0.024m, "USD"), 0.012m, "p", "2026-01-01"));

        (await ledger.TryRecordAsync(rated, CancellationToken.None)).ShouldBeTrue();
        (await ledger.TryRecordAsync(rated, CancellationToken.None)).ShouldBeFalse();

        var stored = (await ledger.ListAsync(account, period, CancellationToken.None)).ShouldHaveSingleItem();
        stored.ShouldBeEquivalentTo(rated);
    }
}
