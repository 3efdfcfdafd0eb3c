using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TablePendingAdjustmentsTests(AzuriteFixture azurite)
{
    private static readonly Instant Noon = Instant.FromUtc(2025, 7, 20, 12, 0);

    private readonly TablePendingAdjustments adjustments = new(azurite.Tables);

    private static PendingAdjustment Fee(string accountId, string id, decimal amount, int minutesLater = 0) =>
        new(id, accountId, AdjustmentKind.LateFee, "Late fee " + id, new Money(amount, "USD"), Noon.Plus(Duration.FromMinutes(minutesLater)), "inv-1");

    [Fact]
    public async Task AddAsync_SameIdTwice_AddsOnceAndKeepsTheFirst()
    {
        var account = "adj-" + Guid.NewGuid().ToString("N")[..8];
        await adjustments.AddAsync(Fee(account, "late-fee:inv-1:1", 5m), CancellationToken.None);
        await adjustments.AddAsync(Fee(account, "late-fee:inv-1:1", 9m), CancellationToken.None);

        var listed = (await adjustments.ListAsync(account, CancellationToken.None)).ShouldHaveSingleItem();
        (listed.Amount.Amount, listed.Kind, listed.SourceInvoiceId, listed.BilledOnInvoiceId).ShouldBe((5m, AdjustmentKind.LateFee, "inv-1", (string?)null));
    }

    [Fact]
    public async Task MarkBilledAsync_Repeated_BillsOnOneInvoiceAndTheNextInvoiceSeesOnlyWhatWaits()
    {
        var account = "adj-" + Guid.NewGuid().ToString("N")[..8];
        await adjustments.AddAsync(Fee(account, "a", 5m), CancellationToken.None);
        await adjustments.AddAsync(Fee(account, "b/with#odd?chars", 2m, minutesLater: 1), CancellationToken.None);

        await adjustments.MarkBilledAsync(account, ["a"], "inv-july", CancellationToken.None);
        await adjustments.MarkBilledAsync(account, ["a"], "inv-july", CancellationToken.None);
        await adjustments.AddAsync(Fee(account, "c", 1m, minutesLater: 2), CancellationToken.None);

        (await adjustments.ListForInvoiceAsync(account, "inv-july", CancellationToken.None)).Select(a => (a.Id, a.BilledOnInvoiceId))
            .ShouldBe([("a", "inv-july"), ("b/with#odd?chars", null), ("c", null)]);
        (await adjustments.ListForInvoiceAsync(account, "inv-august", CancellationToken.None)).Select(a => a.Id).ShouldBe(["b/with#odd?chars", "c"]);
        await Should.ThrowAsync<InvalidOperationException>(() => adjustments.MarkBilledAsync(account, ["a"], "inv-august", CancellationToken.None));
    }
}
