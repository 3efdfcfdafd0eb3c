using Azure.Data.Tables;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Storage;

/// <summary>Gapless numbers from a counter row in <c>InvoiceNumbers</c>.</summary>
/// <remarks>
/// The counter and the invoice's assignment row share a partition and are written in one transaction, the
/// counter guarded by its ETag: either both land or neither, so a crash cannot burn a number, and a retried
/// call finds the assignment row and returns the same number.
/// </remarks>
public sealed class TableInvoiceNumbers(TableServiceClient tables, InvoiceNumberingOptions options) : IInvoiceNumbers
{
    private const string CounterRow = "counter";
    private readonly TableClient table = tables.GetTableClient(StorageNames.InvoiceNumbersTable);

    public async Task<string> AssignAsync(string invoiceId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(options.Sequence);
        var assignmentRow = TableKeys.Escape("invoice|" + invoiceId);
        while (true)
        {
            var assigned = await table.GetEntityIfExistsAsync<TableEntity>(partition, assignmentRow, cancellationToken: cancellationToken);
            if (assigned.HasValue)
            {
                return assigned.Value!.GetString("Number");
            }

            var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            var last = counter.HasValue ? counter.Value!.GetInt64("Last") ?? 0 : 0;
            var number = options.Format(last + 1);
            var nextCounter = new TableEntity(partition, CounterRow) { ["Last"] = last + 1 };
            TableTransactionAction counterAction = counter.HasValue
                ? new(TableTransactionActionType.UpdateReplace, nextCounter, counter.Value!.ETag)
                : new(TableTransactionActionType.Add, nextCounter);
            var assignment = new TableEntity(partition, assignmentRow) { ["Number"] = number, ["InvoiceId"] = invoiceId };
            try
            {
                await table.SubmitTransactionAsync([counterAction, new(TableTransactionActionType.Add, assignment)], cancellationToken);
                return number;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another close took the number (or assigned this invoice) first: read again and retry.
            }
        }
    }
}
