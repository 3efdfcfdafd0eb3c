using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Entity group transactions written without the SDK's request per operation: what they store is what the SDK reads back,
/// a transaction with a row that is there already writes nothing and says so, and a property type the writer does not know is left
/// to the SDK.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableInsertBatchesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly TableInsertBatches batches = TableInsertBatches.FromConnectionString(new TableServiceClient(azurite.ConnectionString), azurite.ConnectionString, new TableClientOptions())!;
    private TableClient table = null!;

    public async Task InitializeAsync()
    {
        table = azurite.Tables.GetTableClient("Batches" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await table.DeleteAsync();

    private async Task<List<TableEntity>> ReadAsync(string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task TryInsertAsync_HundredRows_AreReadBackAsWritten()
    {
        var at = new DateTimeOffset(2026, 10, 31, 23, 59, 59, 123, TimeSpan.Zero).AddTicks(4567);
        var rows = Enumerable.Range(0, 100).Select(i => new TableEntity($"{run}|p", $"call-{i:D3}|telephony")
        {
            ["Document"] = $$"""{"id":"c{{i}}","note":"quote \" backslash \\ é 日本 \u0001","amount":1.25}""",
            ["StartedAt"] = at.AddSeconds(i),
            ["Count"] = i,
            ["Big"] = 5_000_000_000L + i,
            ["Flag"] = i % 2 == 0,
            ["Id"] = new Guid(i, 1, 2, [3, 4, 5, 6, 7, 8, 9, 10]),
        }).ToList();

        (await batches.TryInsertAsync(table.Name, rows, default)).ShouldBe(true);

        var stored = await ReadAsync($"{run}|p");
        stored.Count.ShouldBe(100);
        foreach (var (row, read) in rows.Zip(stored.OrderBy(e => e.RowKey, StringComparer.Ordinal)))
        {
            read.RowKey.ShouldBe(row.RowKey);
            read.GetString("Document").ShouldBe((string)row["Document"]);
            read.GetDateTimeOffset("StartedAt").ShouldBe((DateTimeOffset)row["StartedAt"]);
            read.GetInt32("Count").ShouldBe((int)row["Count"]);
            read.GetInt64("Big").ShouldBe((long)row["Big"]);
            read.GetBoolean("Flag").ShouldBe((bool)row["Flag"]);
            read.GetGuid("Id").ShouldBe((Guid)row["Id"]);
        }
    }

    [Fact]
    public async Task TryInsertAsync_OneRowThereAlready_WritesNoneAndAnswersFalse()
    {
        await table.AddEntityAsync(new TableEntity(run, "r-05") { ["Document"] = "first" });
        var rows = Enumerable.Range(0, 10).Select(i => new TableEntity(run, $"r-{i:D2}") { ["Document"] = "second" }).ToList();

        (await batches.TryInsertAsync(table.Name, rows, default)).ShouldBe(false);

        var stored = await ReadAsync(run);
        stored.Select(e => (e.RowKey, e.GetString("Document"))).ShouldBe([("r-05", "first")]);
    }

    [Fact]
    public async Task TryInsertAsync_PropertyOfAnotherType_SendsNothingAndAnswersNull()
    {
        var rows = new[] { new TableEntity(run, "a") { ["Rate"] = 0.5 }, new TableEntity(run, "b") { ["Document"] = "x" } };

        (await batches.TryInsertAsync(table.Name, rows, default)).ShouldBeNull();

        (await ReadAsync(run)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TryInsertAsync_WrongKey_FailsWithTheServiceStatus()
    {
        var wrongKey = azurite.ConnectionString.Replace("AccountKey=", "AccountKey=AAAA", StringComparison.Ordinal);
        var wrong = TableInsertBatches.FromConnectionString(new TableServiceClient(wrongKey), wrongKey, new TableClientOptions())!;

        var failure = await Should.ThrowAsync<RequestFailedException>(() => wrong.TryInsertAsync(table.Name, [new TableEntity(run, "a")], default));

        failure.Status.ShouldBe(403);
    }
}
