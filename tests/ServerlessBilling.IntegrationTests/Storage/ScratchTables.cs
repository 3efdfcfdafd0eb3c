using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Azurite's table service with every table an adapter asks for renamed to one of its own (<c>Usage</c> becomes
/// <c>Usagex1a2b…</c>), so a contract test over a real adapter starts from empty tables, sees no other test's rows, and
/// deletes its tables after.</summary>
public sealed class ScratchTables : TableServiceClient
{
    private readonly AzuriteFixture azurite;
    private readonly string suffix;
    private readonly ConcurrentDictionary<string, TableClient> used = new(StringComparer.Ordinal);

    public ScratchTables(AzuriteFixture azurite)
        : this(azurite, new TableClientOptions(), "x" + Guid.NewGuid().ToString("N")[..10])
    {
    }

    private ScratchTables(AzuriteFixture azurite, TableClientOptions options, string suffix)
        : base(azurite.ConnectionString, options)
    {
        this.azurite = azurite;
        this.suffix = suffix;
    }

    /// <summary>The same scratch tables through a client with <paramref name="options"/> (a policy that fails requests, say).</summary>
    public ScratchTables With(TableClientOptions options) => new(azurite, options, suffix);

    /// <summary>These scratch tables with their inserts' transactions written by <see cref="ServerlessBilling.Storage.TableInsertBatches"/>, as the
    /// billing clients' are.</summary>
    public ScratchTables WithInsertBatches()
    {
        ServerlessBilling.Storage.TableInsertBatches.Register(
            this, ServerlessBilling.Storage.TableInsertBatches.FromConnectionString(this, azurite.ConnectionString, new TableClientOptions()));
        return this;
    }

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
