using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Storage;

/// <summary>One row per started close in <c>CycleLedger</c> (partition = account, row = period start); inserting is the gate.</summary>
public sealed class TableCycleLedger(TableServiceClient tables) : ICycleLedger
{
    private readonly TableClient ledger = tables.GetTableClient(StorageNames.CycleLedgerTable);

    public async Task<bool> TryRecordStartAsync(CycleRequest request, Instant startedAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Escape(request.AccountId), TableKeys.Escape(request.PeriodStart))
        {
            ["InstanceId"] = request.InstanceId,
            ["StartedAt"] = startedAt.ToDateTimeOffset(),
        };
        try
        {
            await ledger.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> HasStartedAsync(CycleRequest request, CancellationToken cancellationToken) =>
        (await ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(request.AccountId), TableKeys.Escape(request.PeriodStart), cancellationToken: cancellationToken)).HasValue;
}
