using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableReceivablesContractTests(AzuriteFixture azurite) : ReceivablesContract
{
    private static readonly Instant At = Instant.FromUtc(2026, 10, 5, 9, 0);
    private readonly ScratchTables storage = new(azurite);

    protected override async Task<IReceivables> CreateAsync() => await storage.ReadyAsync<IReceivables>(new TableReceivables(storage));

    protected override Task CleanUpAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ListPaymentsAsync_IndexRowAheadOfItsReceivable_IsSkipped()
    {
        await Port.OpenAsync(Receivable("inv-1"), default);
        var crashed = Receivable("inv-1").With(new PaymentEntry("charge:pi_1", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(5m, "USD"), At));
        await WriteIndexOnlyAsync(crashed);

        (await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default)).Items.ShouldBeEmpty();
        (await Port.ListPaymentsAsync(new PaymentListFilter(), PageRequest.First(), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPaymentsAsync_IndexRowWithAStatusAheadOfItsReceivable_IsRepairedWhereRead()
    {
        var processing = new PaymentEntry("charge:pi_1", PaymentEntryKind.Charge, PaymentEntryStatus.Processing, new Money(5m, "USD"), At);
        await Port.OpenAsync(Receivable("inv-1"), default);
        await Port.UpdateAsync("inv-1", r => r.With(processing), default);
        await WriteIndexOnlyAsync(Receivable("inv-1").With(processing with { Status = PaymentEntryStatus.Succeeded }));

        var whileAhead = await Port.ListPaymentsAsync(new PaymentListFilter("acme", PaymentEntryStatus.Processing), PageRequest.First(), default);
        var unfiltered = await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default);
        var repaired = await Port.ListPaymentsAsync(new PaymentListFilter("acme", PaymentEntryStatus.Processing), PageRequest.First(), default);

        whileAhead.Items.ShouldBeEmpty();
        unfiltered.Items.Select(p => (p.Entry.Id, p.Entry.Status)).ShouldBe([("charge:pi_1", PaymentEntryStatus.Processing)]);
        repaired.Items.Select(p => (p.Entry.Id, p.Entry.Status)).ShouldBe([("charge:pi_1", PaymentEntryStatus.Processing)]);
    }

    private static Receivable Receivable(string invoiceId) =>
        new(invoiceId, "acme", "INV-000001", "USD", new Money(100m, "USD"), At.Plus(Duration.FromDays(15)), []);

    /// <summary>What a crash between the index write and the receivable write leaves: the index rows of <paramref name="receivable"/> alone.</summary>
    private async Task WriteIndexOnlyAsync(Receivable receivable)
    {
        var table = storage.GetTableClient(StorageNames.ReceivablesTable);
        foreach (var entry in receivable.Entries)
        {
            var key = InvoicePayment.KeyOf(receivable.InvoiceId, entry);
            foreach (var partition in new[] { "payments|account|acme", $"payments|day|{entry.At.InUtc().Date:yyyy-MM-dd}" })
            {
                await table.UpsertEntityAsync(
                    new TableEntity(partition, key) { ["InvoiceId"] = receivable.InvoiceId, ["EntryId"] = entry.Id, ["AccountId"] = "acme", ["Status"] = entry.Status.ToString() },
                    TableUpdateMode.Replace);
            }
        }
    }
}
