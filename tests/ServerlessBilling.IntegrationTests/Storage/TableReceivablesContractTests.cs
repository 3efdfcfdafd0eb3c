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

    [Fact]
    public async Task ListPageAsync_InvoicesIndexedBeforeTheStatusWasInTheKey_ListedOnceAndMovedToTheirOwnRowsAtTheirNextChange()
    {
        var october = new LocalDate(2026, 10, 1);
        await Port.OpenAsync(Receivable("acme-20261001") with { PeriodStart = october }, default);
        await Port.OpenAsync(Receivable("acme-20261101") with { PeriodStart = october.PlusMonths(1) }, default);
        await DeleteInvoiceRowsAsync();
        await WriteLegacyInvoiceRowsAsync("acme-20261001", october, ReceivableStatus.Open);
        await WriteLegacyInvoiceRowsAsync("acme-20261101", october.PlusMonths(1), ReceivableStatus.Paid);

        var open = await Pages.AllAsync(1, page => Port.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Open), page, default));
        var byAccount = await Pages.AllAsync(1, page => Port.ListPageAsync(new InvoiceListFilter("acme"), page, default));
        var paidOfAccount = await Port.ListPageAsync(new InvoiceListFilter("acme", Status: ReceivableStatus.Paid), PageRequest.First(), default);
        var openOfAccount = await Port.ListPageAsync(new InvoiceListFilter("acme", Status: ReceivableStatus.Open), PageRequest.First(), default);
        await Port.UpdateAsync("acme-20261001", r => r with { Status = ReceivableStatus.Paid }, default);
        var paidOfOctober = await Port.ListPageAsync(new InvoiceListFilter(PeriodStart: october, Status: ReceivableStatus.Paid), PageRequest.First(), default);
        var paid = await Port.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Paid), PageRequest.First(), default);

        open.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["acme-20261001", "acme-20261101"]);
        byAccount.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["acme-20261001", "acme-20261101"]);
        paidOfAccount.Items.ShouldBeEmpty("the row claiming paid is rewritten to the stored status, open");
        openOfAccount.Items.Select(r => r.InvoiceId).ShouldBe(["acme-20261001", "acme-20261101"]);
        paidOfOctober.Items.Select(r => (r.InvoiceId, r.Status)).ShouldBe([("acme-20261001", ReceivableStatus.Paid)]);
        paid.Items.Select(r => r.InvoiceId).ShouldBe(["acme-20261001"]);
        (await InvoiceRowsAsync()).Select(r => (r.PartitionKey, r.RowKey, r.GetString("Status"))).ShouldBe(
        [
            ("account|acme", "acme-20261001!Paid", "Paid"),
            ("account|acme", "acme-20261101", "Open"),
            ("period|2026-10-01", "acme-20261001!Paid", "Paid"),
            ("period|2026-11-01", "acme-20261101", "Paid"),
            ("status|Open", "acme-20261101!Open", "Open"),
            ("status|Paid", "acme-20261001!Paid", "Paid"),
        ], ignoreOrder: true);
    }

    /// <summary>An account's and a period's invoice index rows as they were written before the status was part of the row key,
    /// claiming <paramref name="status"/>.</summary>
    private async Task WriteLegacyInvoiceRowsAsync(string invoiceId, LocalDate periodStart, ReceivableStatus status)
    {
        var table = storage.GetTableClient(StorageNames.ReceivablesTable);
        foreach (var partition in new[] { "account|acme", $"period|{periodStart:yyyy-MM-dd}" })
        {
            await table.UpsertEntityAsync(
                new TableEntity(partition, invoiceId) { ["InvoiceId"] = invoiceId, ["AccountId"] = "acme", ["Status"] = status.ToString(), ["PeriodStart"] = $"{periodStart:yyyy-MM-dd}" },
                TableUpdateMode.Replace);
        }
    }

    /// <summary>Deletes the invoice index rows and the mark that earlier receivables are in the status partitions.</summary>
    private async Task DeleteInvoiceRowsAsync()
    {
        var table = storage.GetTableClient(StorageNames.ReceivablesTable);
        foreach (var row in await InvoiceRowsAsync())
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await table.DeleteEntityAsync("status-index", "complete");
    }

    private async Task<List<TableEntity>> InvoiceRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.GetTableClient(StorageNames.ReceivablesTable).QueryAsync<TableEntity>(
            "(PartitionKey ge 'account|' and PartitionKey lt 'account}') or (PartitionKey ge 'period|' and PartitionKey lt 'period}') or (PartitionKey ge 'status|' and PartitionKey lt 'status}')"))
        {
            rows.Add(row);
        }

        return rows;
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
