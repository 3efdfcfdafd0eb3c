using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Storage;

/// <summary>Rated usage in <c>Usage</c>: partition = account + period (what a close reads), row = event id (insert-if-absent is the dedupe).</summary>
public sealed class TableUsageLedger(TableServiceClient tables) : IUsageLedger
{
    private readonly TableClient usage = tables.GetTableClient(StorageNames.UsageTable);

    public async Task<bool> TryRecordAsync(RatedUsage rated, CancellationToken cancellationToken)
    {
        try
        {
            await usage.AddEntityAsync(Row(rated), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> ContainsAsync(string accountId, BillingPeriod period, string eventId, CancellationToken cancellationToken) =>
        (await usage.GetEntityIfExistsAsync<TableEntity>(
            Partition(accountId, period.Key), TableKeys.Escape(eventId), ["PartitionKey"], cancellationToken)).HasValue;

    public async Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken)
    {
        var rows = new List<RatedUsage>();
        var partition = Partition(accountId, period.Key);
        await foreach (var row in usage.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            rows.Add(JsonDocumentEntity.Read<RatedUsage>(row));
        }

        return rows;
    }

    public async Task ReplaceAsync(RatedUsage rated, CancellationToken cancellationToken) =>
        await usage.UpdateEntityAsync(Row(rated), ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The row: the whole record as JSON, plus the columns a report or a person browsing the table wants.</summary>
    private static TableEntity Row(RatedUsage rated)
    {
        var row = JsonDocumentEntity.Create(Partition(rated.AccountId, rated.PeriodKey), TableKeys.Escape(rated.Event.EventId), rated);
        row["StartedAt"] = rated.Event.StartedAt.ToDateTimeOffset();
        row["Source"] = rated.Event.Source;
        row["Amount"] = Text(rated.Charge.Amount.Amount);
        row["Cost"] = Text(rated.Event.UpstreamCost?.Amount);
        row["Margin"] = Text(rated.Margin?.Amount);
        row["PriorPeriod"] = rated.PriorPeriodKey;
        return row;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Partition(string accountId, string periodKey) => TableKeys.Escape($"{accountId}|{periodKey}");
}
