using Azure.Data.Tables;
using ServerlessBilling.LocalHost.Azurite;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Saves that run while requests go on: Azurite saves a table at a time between requests, and what it writes loads whole
/// with Azurite's own code (by starting it again), whether it was stopped or killed.</summary>
public sealed partial class AzuriteDataFolderTests
{
    [Fact]
    public async Task StopDuringASave_TheWritesMadeMeanwhileAreThereInEveryTable()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteTablesAsync(rows: 3_000);

            // Writes paused for a second: a save of the four tables (50 MB, several turns each) starts within 1.25 s, and
            // these deletes, merges and inserts land while it runs, in tables it has saved and tables it has not reached.
            await Task.Delay(TimeSpan.FromSeconds(1.26));
            await DeleteMergeAndAddAsync();
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
                rows.Single(r => r.RowKey == Key(151)).GetDouble("Amount").ShouldBe(2.5);
                rows.Single(r => r.RowKey == Key(250)).GetDouble("Amount").ShouldBe(1.5);
                (await table.GetEntityAsync<TableEntity>("p", Key(3_099))).Value.GetString("Text").Length.ShouldBe(4_000);
            }
        }
        finally
        {
            AzuriteLauncher.Stop(restarted);
        }
    }

    [Fact]
    public async Task KilledAfterASaveThatRanDuringWrites_EachTableIsAsItWasAtOneMoment()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteTablesAsync(rows: 3_000);
            await Task.Delay(TimeSpan.FromSeconds(1.26));
            var writing = DateTime.UtcNow;
            await DeleteMergeAndAddAsync(); // while that save runs: rows it listed are removed or replaced before it writes them

            // Killed once a save that ended after these writes began is on disk, before the next (a second after them) can end.
            var file = Path.Combine(folder, "__azurite_db_table__.json");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (File.GetLastWriteTimeUtc(file) < writing && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

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
            foreach (var table in SavedTables)
            {
                // Each table is as it was between two of its batches (deletes in order, then the merge, then the adds): never a part of one.
                var rows = (await ReadAllAsync(table)).ToDictionary(r => r.RowKey);
                var deleted = Deleted.Count(r => !rows.ContainsKey(r.RowKey));
                var merged = rows[Key(151)].GetDouble("Amount") == 2.5;
                var added = rows.ContainsKey(Key(3_050));
                (deleted % 10).ShouldBe(0, table.Name);
                Deleted.Skip(deleted).ShouldAllBe(r => rows.ContainsKey(r.RowKey), table.Name);
                Merged.Count(r => rows[r.RowKey].GetDouble("Amount") == 2.5).ShouldBe(merged ? 100 : 0, table.Name);
                Rows(3_000, 100).Count(r => rows.ContainsKey(r.RowKey)).ShouldBe(added ? 100 : 0, table.Name);
                (merged ? deleted == 100 : !added).ShouldBeTrue(table.Name);
                rows.Count.ShouldBe(3_000 - deleted + (added ? 100 : 0), table.Name);

                // Its indexes were saved with its rows: a row is found by its keys. And a row the save listed but was removed before
                // its turn came is a whole row of Loki's again (Loki takes its id off), so it can be deleted now.
                (await table.GetEntityAsync<TableEntity>("p", Key(2_999))).Value.GetDouble("Amount").ShouldBe(1.5);
                foreach (var batch in Deleted.Skip(deleted).Chunk(10))
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
                }
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

    private TableClient[] SavedTables => [.. Enumerable.Range(0, 4).Select(i => new TableServiceClient(options.ConnectionString).GetTableClient($"Saved{i}"))];

    private static string Key(int row) => $"{row:D5}";

    /// <summary>Rows of about 4 KB: four tables of 3,000 are 50 MB, which Azurite takes some hundred milliseconds to save, long
    /// enough for the batches written during it.</summary>
    private static IEnumerable<TableEntity> Rows(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new TableEntity("p", Key(i)) { ["Amount"] = 1.5, ["Text"] = new string('x', 4_000) });

    private async Task WriteTablesAsync(int rows)
    {
        foreach (var table in SavedTables)
        {
            await table.CreateIfNotExistsAsync();
            await AddAsync(table, Rows(0, rows));
        }
    }

    /// <summary>A row in 30 through each table, last first: the save writes a table's rows first to last over several turns, so
    /// some are deleted after it listed them and before their turn.</summary>
    private static IEnumerable<TableEntity> Deleted => Enumerable.Range(0, 100).SelectMany(i => Rows((99 - i) * 30, 1));

    private static IEnumerable<TableEntity> Merged => Enumerable.Range(0, 100).SelectMany(i => Rows((i * 30) + 1, 1));

    /// <summary><see cref="Deleted"/> 10 at a time, a batch in each table in turn (so some land while the save goes through a table),
    /// then in each table <see cref="Merged"/> (Amount 2.5) and rows 3,000-3,099 added, a batch each.</summary>
    private async Task DeleteMergeAndAddAsync()
    {
        foreach (var batch in Deleted.Chunk(10))
        {
            foreach (var table in SavedTables)
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
            }
        }

        foreach (var table in SavedTables)
        {
            await table.SubmitTransactionAsync(Merged.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(r.PartitionKey, r.RowKey) { ["Amount"] = 2.5 })));
            await table.SubmitTransactionAsync(Rows(3_000, 100).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
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
}
