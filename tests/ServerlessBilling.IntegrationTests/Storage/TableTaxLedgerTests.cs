using NodaTime;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableTaxLedgerTests(AzuriteFixture azurite)
{
    private static TaxLedgerEntry Entry(string invoiceId, LocalDate issued, decimal usf) => new(invoiceId, "INV-" + invoiceId, "acct/1", issued, "USD",
        [new LedgerRevenue(ProductCategory.VoipAccess, Form499Category.EndUserTelecom, null, null, 10m, 6.49m, 0m, 3.51m)],
        [new LedgerTax("us-fusf", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, usf, usf)], 0m);

    [Fact]
    public async Task RecordAsync_SameInvoiceTwice_OneRowInItsYear()
    {
        await azurite.Tables.CreateTableIfNotExistsAsync(StorageNames.TaxLedgerTable);
        var ledger = new TableTaxLedger(azurite.Tables);
        var id = "led/" + Guid.NewGuid().ToString("N")[..8]; // a slash must survive as a row key
        var nextYear = id + "-next";

        await ledger.RecordAsync(Entry(id, new LocalDate(1999, 12, 31), 2.40m), CancellationToken.None);
        await ledger.RecordAsync(Entry(id, new LocalDate(1999, 12, 31), 2.40m), CancellationToken.None);
        await ledger.RecordAsync(Entry(nextYear, new LocalDate(2000, 1, 1), 1.00m), CancellationToken.None);

        var mine = (await ledger.ListAsync(1999, CancellationToken.None)).Where(e => e.InvoiceId.StartsWith(id, StringComparison.Ordinal)).ToList();
        var stored = mine.ShouldHaveSingleItem();
        var expected = Entry(id, new LocalDate(1999, 12, 31), 2.40m);
        (stored.InvoiceId, stored.AccountId, stored.IssueDate).ShouldBe((expected.InvoiceId, expected.AccountId, expected.IssueDate));
        stored.Revenue.ShouldBe(expected.Revenue);
        stored.Taxes.ShouldBe(expected.Taxes);
        (await ledger.ListAsync(2000, CancellationToken.None)).ShouldContain(e => e.InvoiceId == nextYear);
    }

    [Fact]
    public async Task RecordAsync_CreditNoteOfAnInvoice_ItsOwnRowInTheNotesYearKeptOnRetry()
    {
        await azurite.Tables.CreateTableIfNotExistsAsync(StorageNames.TaxLedgerTable);
        var ledger = new TableTaxLedger(azurite.Tables);
        var id = "led/" + Guid.NewGuid().ToString("N")[..8];
        var credit = Entry(id, new LocalDate(1998, 1, 5), -2.40m) with { Number = "CN-000001", CreditNoteId = id + "-cn-1" };

        await ledger.RecordAsync(Entry(id, new LocalDate(1997, 12, 31), 2.40m), CancellationToken.None);
        await ledger.RecordAsync(credit, CancellationToken.None);
        await ledger.RecordAsync(credit, CancellationToken.None);

        (await ledger.ListAsync(1997, CancellationToken.None)).Where(e => e.InvoiceId == id).ShouldHaveSingleItem().CreditNoteId.ShouldBeNull();
        var stored = (await ledger.ListAsync(1998, CancellationToken.None)).Where(e => e.InvoiceId == id).ShouldHaveSingleItem();
        (stored.CreditNoteId, stored.Number, stored.Taxes.Single().Amount).ShouldBe((id + "-cn-1", "CN-000001", -2.40m));
    }
}
