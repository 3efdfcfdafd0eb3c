using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;

namespace ServerlessBilling.Storage;

/// <summary>The Functions app's start-up check of the ledger layout (<see cref="LedgerLayoutRecord"/>): in Azure nothing provisions
/// the tables at start-up (the templates create them), so this is where a changed <c>Storage:LedgerTables</c> is refused.</summary>
public sealed class LedgerLayoutCheck(TableServiceClient tables, LedgerTables layout) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.CreateTableIfNotExistsAsync(StorageNames.StorageLayoutTable, cancellationToken);
        await LedgerLayoutRecord.EnsureAsync(tables, layout, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
