using System.Text.Json;
using Azure.Data.Tables;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Parts of calls waiting to be joined, in <c>CallParts</c> (partition = source, row = call key and part), each as the event's JSON.</summary>
public sealed class TableCallPartStore(TableServiceClient tables) : ICallPartStore
{
    private readonly TableClient parts = tables.GetTableClient(StorageNames.CallPartsTable);

    public async Task PutAsync(string source, string callKey, string part, UsageEvent partial, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Escape(source), RowKey(callKey, part))
        {
            ["Event"] = JsonSerializer.Serialize(partial, BillingJson.Options),
        };
        await parts.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UsageEvent?> FindAsync(string source, string callKey, string part, CancellationToken cancellationToken)
    {
        var row = await parts.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(source), RowKey(callKey, part), ["Event"], cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<UsageEvent>(row.Value!.GetString("Event"), BillingJson.Options) : null;
    }

    private static string RowKey(string callKey, string part) => TableKeys.Escape($"{callKey}|{part}");
}
