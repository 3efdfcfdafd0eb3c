using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;

namespace ServerlessBilling.Storage;

/// <summary>The Functions app's start-up check of the ledger layout (<see cref="LedgerLayoutRecord"/>): in Azure nothing provisions
/// the tables at start-up (the templates create them), so this is where a changed <c>Storage:LedgerTables</c> is refused.</summary>
/// <remarks>The templates create table 0 of each (<c>EventIdentities</c>, <c>Usage</c>); with a count above 1 the others are created
/// here, before the layout is recorded, so the first claim never meets a missing table.</remarks>
public sealed class LedgerLayoutCheck(TableServiceClient tables, LedgerTables layout) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string[] needed = [StorageNames.StorageLayoutTable, .. layout.ClaimsTables.Skip(1), .. layout.UsageTables.Skip(1)];
        await Task.WhenAll(needed.Select(table => tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken)));
        await LedgerLayoutRecord.EnsureAsync(tables, layout, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
