using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Azurite's table service with every table an adapter asks for renamed to one of its own (<c>Usage</c> becomes
/// <c>Usagex1a2b…</c>), so a contract test over a real adapter starts from empty tables, sees no other test's rows, and
/// deletes its tables after.</summary>
public sealed class ScratchTables(AzuriteFixture azurite) : TableServiceClient(azurite.ConnectionString)
{
    private readonly string suffix = "x" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, TableClient> used = new(StringComparer.Ordinal);

    public override TableClient GetTableClient(string tableName) => used.GetOrAdd(tableName, Scratch);

    /// <summary>Creates the tables <paramref name="adapter"/> asked for while it was built, and returns it ready to use.</summary>
    public async Task<T> ReadyAsync<T>(T adapter)
    {
        foreach (var table in used.Values)
        {
            await table.CreateIfNotExistsAsync();
        }

        return adapter;
    }

    public async Task DeleteAsync()
    {
        foreach (var table in used.Values)
        {
            await table.DeleteAsync();
        }
    }

    private TableClient Scratch(string tableName) => base.GetTableClient(tableName + suffix);
}
