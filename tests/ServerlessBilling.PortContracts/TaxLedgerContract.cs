using NodaTime;
using ServerlessBilling.Tax;

namespace ServerlessBilling.PortContracts;

/// <summary>One tax ledger row per invoice and per credit note, replaced when the same document is recorded again, listed by year of issue.</summary>
public abstract class TaxLedgerContract : PortContract<ITaxLedger>
{
    private static TaxLedgerEntry Invoice(string invoiceId, LocalDate issued, decimal unclassified = 10m) =>
        new(invoiceId, "INV-000001", "acme", issued, "USD", [], [], unclassified);

    private static readonly LocalDate May2026 = new(2026, 5, 1);

    [Fact]
    public async Task ListAsync_NothingRecorded_IsEmpty() =>
        (await Port.ListAsync(2026, default)).ShouldBeEmpty();

    [Fact]
    public async Task RecordAsync_New_IsListedAsRecorded()
    {
        var entry = Invoice("acme-20260401", May2026) with
        {
            Taxes = [new LedgerTax("us-fed-usf", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, 1.23m, 1.2345m)],
        };

        await Port.RecordAsync(entry, default);

        Samples.Json((await Port.ListAsync(2026, default)).ShouldHaveSingleItem()).ShouldBe(Samples.Json(entry));
    }

    [Fact]
    public async Task RecordAsync_SameInvoiceAgain_ReplacesItsRow()
    {
        await Port.RecordAsync(Invoice("acme-20260401", May2026, 10m), default);

        await Port.RecordAsync(Invoice("acme-20260401", May2026, 12m), default);

        (await Port.ListAsync(2026, default)).ShouldHaveSingleItem().UnclassifiedRevenue.ShouldBe(12m);
    }

    [Fact]
    public async Task RecordAsync_CreditNoteOfAnInvoice_IsARowOfItsOwn()
    {
        await Port.RecordAsync(Invoice("acme-20260401", May2026, 10m), default);

        await Port.RecordAsync(Invoice("acme-20260401", May2026.PlusDays(3), -4m) with { Number = "CN-000001", CreditNoteId = "cn-1" }, default);
        await Port.RecordAsync(Invoice("acme-20260401", May2026.PlusDays(3), -4m) with { Number = "CN-000001", CreditNoteId = "cn-1" }, default);

        (await Port.ListAsync(2026, default)).Select(e => (e.CreditNoteId, e.UnclassifiedRevenue)).OrderBy(e => e.CreditNoteId, StringComparer.Ordinal)
            .ShouldBe([(null, 10m), ("cn-1", -4m)]);
    }

    [Fact]
    public async Task ListAsync_Year_ListsOnlyDocumentsIssuedThatYear()
    {
        await Port.RecordAsync(Invoice("a-20251201", new LocalDate(2025, 12, 31)), default);
        await Port.RecordAsync(Invoice("a-20260101", new LocalDate(2026, 1, 1)), default);

        (await Port.ListAsync(2026, default)).Select(e => e.InvoiceId).ShouldBe(["a-20260101"]);
        (await Port.ListAsync(2025, default)).Select(e => e.InvoiceId).ShouldBe(["a-20251201"]);
    }
}
