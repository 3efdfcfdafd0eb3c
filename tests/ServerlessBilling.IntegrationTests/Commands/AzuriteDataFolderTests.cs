using Azure.Data.Tables;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The Azurite the local host starts with a data folder (<c>serve</c>'s) keeps what it acknowledged: it saves its stores
/// once writes pause, not on a 5-second clock, a table at a time between requests, and a stop asks it to save what is left before it
/// exits. Each file is read back by Azurite's own load, by starting it again.</summary>
/// <remarks>Its own Azurite, 70 ports above the test run's (TEST_AZURITE_PORT, default 10100), on a folder of its own.</remarks>
public sealed class AzuriteDataFolderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"azurite-data-{Guid.NewGuid():N}");

    private readonly AzuriteOptions options;

    public AzuriteDataFolderTests()
    {
        var first = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var port) ? port : 10100) + 70;
        options = new AzuriteOptions(first, first + 1, first + 2, folder);
    }

    [Fact]
    public async Task Stop_RightAfterWrites_TheyAreThereWhenItStartsAgain()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteAsync(200);
        }
        finally
        {
            AzuriteLauncher.Stop(azurite); // at once: no save has happened since the writes (they had not paused)
        }

        (await CountAfterRestartAsync()).ShouldBe(200);
    }

    [Fact]
    public async Task KilledOnceWritesHavePaused_TheyAreThereWhenItStartsAgain()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteAsync(50);

            // Saved a second after the last write; killed with no chance to save (as a crash or a lost machine would), after 3 s.
            await Task.Delay(TimeSpan.FromSeconds(3));
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }

        (await CountAfterRestartAsync()).ShouldBe(50);
    }

    [Fact]
    public async Task StopDuringASave_TheWritesMadeMeanwhileAreThereInEveryTable()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteTablesAsync(rows: 3_000);

            // Writes paused for a second: a save of the four tables (12 MB, several turns each) starts within 1.25 s, and
            // these deletes, merges and inserts land while it runs, in tables it has saved and tables it has not reached.
            await Task.Delay(TimeSpan.FromSeconds(1.3));
            foreach (var table in Enumerable.Reverse(SavedTables))
            {
                await table.SubmitTransactionAsync(Rows(0, 100).Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
                await table.SubmitTransactionAsync(Rows(100, 100).Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(r.PartitionKey, r.RowKey) { ["Amount"] = 2.5 })));
                await table.SubmitTransactionAsync(Rows(3_000, 100).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            }
        }
        finally
        {
            AzuriteLauncher.Stop(azurite); // at once, maybe while that save is still writing
        }

        var restarted = await StartAsync();
        try
        {
            foreach (var table in SavedTables)
            {
                var rows = await ReadAllAsync(table);
                rows.Count.ShouldBe(3_000, table.Name);
                rows.ShouldNotContain(r => r.RowKey == Key(0), table.Name);
                rows.Single(r => r.RowKey == Key(150)).GetDouble("Amount").ShouldBe(2.5);
                rows.Single(r => r.RowKey == Key(250)).GetDouble("Amount").ShouldBe(1.5);
                (await table.GetEntityAsync<TableEntity>("p", Key(3_099))).Value.GetString("Text").Length.ShouldBe(1_000);
            }
        }
        finally
        {
            AzuriteLauncher.Stop(restarted);
        }
    }

    [Fact]
    public async Task KilledAfterASaveOfSeveralLargeTables_EachIsWholeWhenItStartsAgain()
    {
        var azurite = await StartAsync();
        try
        {
            // One table of 5,000 rows is saved over several turns, the others in one each.
            await WriteTablesAsync(rows: 1_000);
            await AddAsync(SavedTables[0], Rows(1_000, 4_000));
            await Task.Delay(TimeSpan.FromSeconds(4));
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }

        var restarted = await StartAsync();
        try
        {
            (await ReadAllAsync(SavedTables[0])).Select(r => r.RowKey).ShouldBe(Rows(0, 5_000).Select(r => r.RowKey));
            foreach (var table in SavedTables.Skip(1))
            {
                (await ReadAllAsync(table)).Count.ShouldBe(1_000, table.Name);
            }

            (await SavedTables[0].GetEntityAsync<TableEntity>("p", Key(4_321))).Value.GetDouble("Amount").ShouldBe(1.5);
        }
        finally
        {
            AzuriteLauncher.Stop(restarted);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<System.Diagnostics.Process> StartAsync() =>
        await AzuriteLauncher.EnsureRunningAsync(options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None)
            ?? throw new InvalidOperationException($"An Azurite already listens on {options.BlobPort}; this test needs its own.");

    private TableClient Table => new TableServiceClient(options.ConnectionString).GetTableClient("Kept");

    private async Task WriteAsync(int count)
    {
        await Table.CreateIfNotExistsAsync();
        for (var i = 0; i < count; i++)
        {
            await Table.AddEntityAsync(new TableEntity("p", $"{i:D4}") { ["Amount"] = 1.5 });
        }
    }

    private TableClient[] SavedTables => [.. Enumerable.Range(0, 4).Select(i => new TableServiceClient(options.ConnectionString).GetTableClient($"Saved{i}"))];

    private static string Key(int row) => $"{row:D5}";

    /// <summary>Rows of about 1 KB, as Azurite holds a usage row or an archived payload.</summary>
    private static IEnumerable<TableEntity> Rows(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new TableEntity("p", Key(i)) { ["Amount"] = 1.5, ["Text"] = new string('x', 1_000) });

    private async Task WriteTablesAsync(int rows)
    {
        foreach (var table in SavedTables)
        {
            await table.CreateIfNotExistsAsync();
            await AddAsync(table, Rows(0, rows));
        }
    }

    private static async Task AddAsync(TableClient table, IEnumerable<TableEntity> rows)
    {
        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        }
    }

    private static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "p"))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<int> CountAfterRestartAsync()
    {
        var azurite = await StartAsync();
        try
        {
            var count = 0;
            await foreach (var _ in Table.QueryAsync<TableEntity>(e => e.PartitionKey == "p"))
            {
                count++;
            }

            return count;
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }
    }
}
