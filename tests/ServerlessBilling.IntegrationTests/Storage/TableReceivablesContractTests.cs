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
    public async Task ListPaymentsAsync_RowsWrittenBeforeTheStatusWasInTheKey_ListedOnceUntilTheirEntryChanges()
    {
        var processing = new PaymentEntry("charge:pi_1", PaymentEntryKind.Charge, PaymentEntryStatus.Processing, new Money(5m, "USD"), At);
        await Port.OpenAsync(Receivable("inv-1").With(processing), default);
        await DeletePaymentRowsAsync();
        await WriteLegacyRowsAsync(Receivable("inv-1").With(processing));

        var before = await Port.ListPaymentsAsync(new PaymentListFilter("acme", PaymentEntryStatus.Processing), PageRequest.First(), default);
        await Port.UpdateAsync("inv-1", r => r.With(processing with { Status = PaymentEntryStatus.Succeeded }), default);
        var processingAfter = await Port.ListPaymentsAsync(new PaymentListFilter("acme", PaymentEntryStatus.Processing), PageRequest.First(), default);
        var after = await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default);

        before.Items.Select(p => (p.Entry.Id, p.Entry.Status)).ShouldBe([("charge:pi_1", PaymentEntryStatus.Processing)]);
        processingAfter.Items.ShouldBeEmpty();
        after.Items.Select(p => (p.Entry.Id, p.Entry.Status)).ShouldBe([("charge:pi_1", PaymentEntryStatus.Succeeded)]);
        (await LegacyRowCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ListPaymentsAsync_RowWrittenBeforeTheStatusWasInTheKeyForNoStoredEntry_IsSkippedAndDeleted()
    {
        await Port.OpenAsync(Receivable("inv-1"), default);
        await WriteLegacyRowsAsync(Receivable("inv-1").With(new PaymentEntry("charge:pi_1", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(5m, "USD"), At)));

        (await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default)).Items.ShouldBeEmpty();
        (await Port.ListPaymentsAsync(new PaymentListFilter(), PageRequest.First(), default)).Items.ShouldBeEmpty();
        (await LegacyRowCountAsync()).ShouldBe(0);
    }

    private static Receivable Receivable(string invoiceId) =>
        new(invoiceId, "acme", "INV-000001", "USD", new Money(100m, "USD"), At.Plus(Duration.FromDays(15)), []);

    /// <summary>The payment index rows of <paramref name="receivable"/> as they were written before the status was part of the
    /// row key (and before rows kept the ETag they were written ahead of).</summary>
    private async Task WriteLegacyRowsAsync(Receivable receivable)
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

    private async Task<int> LegacyRowCountAsync() => (await PaymentRowsAsync()).Count(r => !r.ContainsKey("Base"));

    private async Task DeletePaymentRowsAsync()
    {
        foreach (var row in await PaymentRowsAsync())
        {
            await storage.GetTableClient(StorageNames.ReceivablesTable).DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private async Task<List<TableEntity>> PaymentRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.GetTableClient(StorageNames.ReceivablesTable).QueryAsync<TableEntity>("PartitionKey ge 'payments|' and PartitionKey lt 'payments}'"))
        {
            rows.Add(row);
        }

        return rows;
    }
}
