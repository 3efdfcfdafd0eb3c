using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The columns of a usage row: new rows carry the document and the two filtered columns only, and rows written before with the
/// browsing columns are read, checked and replaced as the same rows.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerShapeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string account = "shape-" + Guid.NewGuid().ToString("N")[..8];
    private ScratchTables storage = null!;
    private IUsageLedger ledger = null!;

    public async Task InitializeAsync()
    {
        storage = new ScratchTables(azurite);
        ledger = await storage.ReadyAsync<IUsageLedger>(new TableUsageLedger(storage));
    }

    public async Task DisposeAsync() => await storage.DeleteAsync();

    [Fact]
    public async Task TryRecordAllAsync_NewRows_StoreTheDocumentStartAndSourceOnly()
    {
        var rows = Enumerable.Range(0, 3).Select(i => Samples.Rated(account, Samples.October, $"new-{i}")).ToList();

        await ledger.TryRecordAllAsync(rows, default);

        foreach (var rated in rows)
        {
            var row = (await Table.GetEntityAsync<TableEntity>(Partition(rated), EventIdentityKeys.Row(rated.Event.Identity))).Value;
            row.Keys.Where(k => k is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")).Order(StringComparer.Ordinal)
                .ShouldBe(["Document", "Source", "StartedAt"]);
        }
    }

    [Fact]
    public async Task TryRecordAsync_NewRow_DocumentLeavesOutWhatItComputesAndReadsTheSame()
    {
        var rated = Samples.Rated(account, Samples.October, "lean");
        rated = rated with { Event = rated.Event with { UpstreamCost = new Money(0.004m, "USD") } };

        await ledger.TryRecordAsync(rated, default);

        var document = (await Table.GetEntityAsync<TableEntity>(Partition(rated), EventIdentityKeys.Row(rated.Event.Identity))).Value.GetString("Document");
        document.ShouldContain("\"from\":\"+14155550100\"");
        foreach (var computed in (string[])["customerNumber", "costBasis", "\"cost\"", "margin", "\\u002B"])
        {
            document.ShouldNotContain(computed);
        }

        var listed = (await ledger.ListAsync(account, Samples.October, default)).ShouldHaveSingleItem();
        listed.ShouldBe(rated);
        listed.Margin.ShouldBe(rated.Margin);
    }

    [Fact]
    public async Task RowsStoredWithBrowsingColumns_AreListedFoundAndReplacedAsBefore()
    {
        var stored = Enumerable.Range(0, 30).Select(i => Samples.Rated(account, Samples.October, $"old-{i:D2}", amount: 0.01m * (i + 1))).ToList();
        foreach (var rated in stored)
        {
            await Table.AddEntityAsync(PreviousShape(rated));
        }

        var listed = await ledger.ListAsync(account, Samples.October, default);
        var found = await ledger.ContainsAllAsync(account, Samples.October, [.. stored.Select(r => r.Event.Identity), Samples.Rated(account, Samples.October, "absent").Event.Identity], default);
        var again = await ledger.TryRecordAsync(stored[4], default);
        await ledger.ReplaceAsync(stored[7] with { Charge = stored[8].Charge }, default);

        listed.OrderBy(r => r.Event.EventId, StringComparer.Ordinal).ShouldBe(stored);
        found.ShouldBe([.. Enumerable.Repeat(true, 30), false]);
        again.ShouldBeFalse();
        (await ledger.ListAsync(account, Samples.October, default)).Single(r => r.Event.EventId == "old-07").Charge.ShouldBe(stored[8].Charge);
    }

    [Fact]
    public async Task ReplaceAsync_RowKeyedByItsEventIdAsBeforeIdentities_IsReplacedInPlaceNotWrittenAgain()
    {
        // Rows written before identities were kept are keyed by the escaped event id alone.
        var old = Samples.Rated(account, Samples.October, "pre/identity");
        var row = PreviousShape(old);
        row.RowKey = TableKeys.Escape(old.Event.EventId);
        await Table.AddEntityAsync(row);

        await ledger.ReplaceAsync(old with { Charge = old.Charge with { Amount = new Money(0.5m, "USD") } }, default);

        var listed = (await ledger.ListAsync(account, Samples.October, default)).ShouldHaveSingleItem();
        listed.Charge.Amount.ShouldBe(new Money(0.5m, "USD"));
        (await Table.GetEntityIfExistsAsync<TableEntity>(Partition(old), EventIdentityKeys.Row(old.Event.Identity))).HasValue.ShouldBeFalse();
    }

    private TableClient Table => storage.GetTableClient(StorageNames.UsageTable);

    private static string Partition(RatedUsage rated) => TableKeys.Escape($"{rated.AccountId}|{rated.PeriodKey}");

    /// <summary>A usage row as written before: the document, the filtered columns, and five columns for a person browsing the table.</summary>
    private static TableEntity PreviousShape(RatedUsage rated) =>
        new(Partition(rated), EventIdentityKeys.Row(rated.Event.Identity))
        {
            ["Document"] = JsonSerializer.Serialize(rated, BillingJson.Options),
            ["EventId"] = rated.Event.EventId,
            ["StartedAt"] = rated.Event.StartedAt.ToDateTimeOffset(),
            ["Source"] = rated.Event.Source,
            ["Amount"] = rated.Charge.Amount.Amount.ToString(CultureInfo.InvariantCulture),
            ["Cost"] = rated.Event.UpstreamCost?.Amount.ToString(CultureInfo.InvariantCulture),
            ["Margin"] = rated.Margin?.Amount.ToString(CultureInfo.InvariantCulture),
            ["PriorPeriod"] = rated.PriorPeriodKey,
        };
}
