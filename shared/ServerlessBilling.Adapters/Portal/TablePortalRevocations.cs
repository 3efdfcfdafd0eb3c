using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Storage;

/// <summary>Portal link revocations in <c>PortalRevocations</c>: partition = account, one row holding the instant before which its links are refused.</summary>
public sealed class TablePortalRevocations(TableServiceClient tables) : IPortalRevocations
{
    private const string Row = "links";

    private readonly TableClient revocations = tables.GetTableClient(StorageNames.PortalRevocationsTable);

    public async Task<Instant?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await revocations.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(accountId), Row, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? Instant.FromDateTimeOffset(entity.GetDateTimeOffset("Before")!.Value) : null;
    }

    public async Task<Instant> RevokeAsync(string accountId, Instant before, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await revocations.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(accountId), Row, cancellationToken: cancellationToken);
            var stored = existing.HasValue && existing.Value is { } entity ? Instant.FromDateTimeOffset(entity.GetDateTimeOffset("Before")!.Value) : (Instant?)null;
            if (stored >= before)
            {
                return stored.Value;
            }

            var row = new TableEntity(TableKeys.Escape(accountId), Row) { ["AccountId"] = accountId, ["Before"] = before.ToDateTimeOffset() };
            try
            {
                // Optimistic: two revocations at once both end with the later instant stored.
                if (stored is null)
                {
                    await revocations.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await revocations.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return before;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
            }
        }
    }
}
