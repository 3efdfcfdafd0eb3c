using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

public class CollectionWakeUpsTests
{
    private static readonly CollectionRequest First = new("acme", "inv-1");

    [Fact]
    public async Task Wake_RunningCollection_IsWokenAndNothingStarts()
    {
        var collections = new RecordingCollections(First.CollectionId);

        await collections.WakeAsync(Owing(ReceivableStatus.Open, 40m), reversalEventId: "evt_r", default);

        collections.Woken.ShouldBe([First.CollectionId]);
        collections.Started.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wake_EndedCollectionAfterAReversalThatReopenedTheInvoice_StartsAgainFromTheFirstRetry()
    {
        var collections = new RecordingCollections();

        await collections.WakeAsync(Owing(ReceivableStatus.Open, 40m), reversalEventId: "evt_r", default);
        await collections.WakeAsync(Owing(ReceivableStatus.Open, 40m), reversalEventId: "evt_r", default);

        var restart = collections.Started.ShouldHaveSingleItem();
        (restart.AccountId, restart.InvoiceId, restart.CollectionId, restart.AfterReversal)
            .ShouldBe(("acme", "inv-1", CollectionRequest.RestartId("inv-1", "evt_r"), true));
    }

    [Theory]
    [InlineData(ReceivableStatus.Open, 40, null)]
    [InlineData(ReceivableStatus.Paid, 0, "evt_r")]
    [InlineData(ReceivableStatus.Open, 0, "evt_r")]
    public async Task Wake_EndedCollection_WithoutAReversalOrWithNothingOwed_StartsNothing(ReceivableStatus status, int balance, string? reversal)
    {
        var collections = new RecordingCollections();

        await collections.WakeAsync(Owing(status, balance), reversal, default);

        (collections.Woken.Count, collections.Started.Count).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Wake_ReceivableNamingItsCollection_WakesThatOne()
    {
        var collections = new RecordingCollections("collect:inv-1:after:evt_r");

        await collections.WakeAsync(Owing(ReceivableStatus.Open, 40m) with { CollectionId = "collect:inv-1:after:evt_r" }, null, default);

        collections.Woken.ShouldBe(["collect:inv-1:after:evt_r"]);
    }

    /// <summary>A receivable with no payments yet, so its balance is its total.</summary>
    private static Receivable Owing(ReceivableStatus status, decimal balance) =>
        new("inv-1", "acme", "INV-1", "USD", new Money(balance, "USD"), Instant.FromUtc(2026, 12, 31, 0, 0), []) { Status = status };
}
