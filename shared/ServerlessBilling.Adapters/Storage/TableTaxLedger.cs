using System.Globalization;
using Azure.Data.Tables;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Storage;

/// <summary>One row per final invoice and per credit note in <c>TaxLedger</c> (partition = year of issue, row = invoice or credit note id), its entry kept as one JSON document.</summary>
/// <remarks>A year's report is one partition query, about one page per thousand invoices. Every close of a year writes the same
/// partition, so the entries recorded at once go in one entity group transaction (<see cref="TableWriteGroups"/>).</remarks>
public sealed class TableTaxLedger(TableServiceClient tables) : ITaxLedger
{
    private readonly TableClient ledger = tables.GetTableClient(StorageNames.TaxLedgerTable);

    private readonly TableWriteGroups writes = new(tables.GetTableClient(StorageNames.TaxLedgerTable), TableWriteGroups.GroupWindow);

    public Task RecordAsync(TaxLedgerEntry entry, CancellationToken cancellationToken) =>
        writes.UpsertAsync(
            JsonDocumentEntity.Create(Partition(entry.IssueDate.Year), TableKeys.Escape(entry.CreditNoteId ?? entry.InvoiceId), entry), cancellationToken);

    public async Task<IReadOnlyList<TaxLedgerEntry>> ListAsync(int year, CancellationToken cancellationToken)
    {
        var entries = new List<TaxLedgerEntry>();
        await foreach (var row in ledger.QueryAsync<TableEntity>(
            $"PartitionKey eq {TableKeys.Literal(Partition(year))}", select: [JsonDocumentEntity.DocumentProperty], cancellationToken: cancellationToken))
        {
            entries.Add(JsonDocumentEntity.Read<TaxLedgerEntry>(row));
        }

        return entries;
    }

    private static string Partition(int year) => year.ToString("D4", CultureInfo.InvariantCulture);
}
