using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Storage;

/// <summary>One row per started close in <c>CycleLedger</c> (partition = account, row = period start); inserting is the gate.
/// Beside it, row <c>{period start}|settlement</c> holds the last settlement claimed by a re-rating of the closed period,
/// replaced under its ETag, which is the record's version.</summary>
public sealed class TableCycleLedger(TableServiceClient tables) : ICycleLedger
{
    private const string SettlementSuffix = "|settlement";

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

    public async Task<SettlementRecord> FindSettlementAsync(CycleRequest request, CancellationToken cancellationToken)
    {
        var row = await ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(request.AccountId), SettlementRow(request), cancellationToken: cancellationToken);
        return row.HasValue ? new SettlementRecord(JsonDocumentEntity.Read<SettlementClaim>(row.Value!), row.Value!.ETag.ToString()) : SettlementRecord.None;
    }

    public async Task<bool> TryClaimSettlementAsync(CycleRequest request, string? expectedVersion, SettlementClaim claim, CancellationToken cancellationToken)
    {
        var row = JsonDocumentEntity.Create(TableKeys.Escape(request.AccountId), SettlementRow(request), claim);
        try
        {
            if (expectedVersion is null)
            {
                await ledger.AddEntityAsync(row, cancellationToken);
            }
            else
            {
                await ledger.UpdateEntityAsync(row, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string SettlementRow(CycleRequest request) => TableKeys.Escape(request.PeriodStart + SettlementSuffix);
}
