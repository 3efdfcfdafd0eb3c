using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The open list and the status lists over the status partitions of the receivables' index, two receivables a page:
/// stale rows repaired on the way, and receivables stored before the status partitions existed indexed a page per list started,
/// every list complete meanwhile.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReceivableStatusIndexTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant DueAt = Instant.FromUtc(2026, 11, 15, 0, 0);
    private readonly ScratchTables storage = new(azurite);
    private TableReceivables receivables = null!;

    private TableClient Table => storage.GetTableClient(StorageNames.ReceivablesTable);

    public async Task InitializeAsync() => receivables = await storage.ReadyAsync(new TableReceivables(storage, pageSize: 2));

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ListOpenAsync_MoreThanAPageWithStaleRows_ReadsTheOpenPartitionSkipsAndDeletesTheStaleRows()
    {
        await OpenAsync(("inv-1", "acme"), ("inv-2", "beta"), ("inv-3", "acme"), ("inv-4", "zeta"), ("inv-5", "beta"), ("inv-6", "zeta"));
        await receivables.UpdateAsync("inv-4", r => r with { Status = ReceivableStatus.Paid }, default);
        await Table.UpsertEntityAsync(new TableEntity("status-index", "complete"), TableUpdateMode.Replace);

        // A reopening that died after adding its row, long ago: the receivable stayed paid and has changed since, so the row is stale.
        await Table.UpsertEntityAsync(new TableEntity("status|Open", "inv-4!Open")
        {
            ["InvoiceId"] = "inv-4", ["AccountId"] = "zeta", ["Status"] = "Open", ["Base"] = "W/\"datetime'2026-01-01T00%3A00%3A00Z'\"",
        }, TableUpdateMode.Replace);

        // Without its index row an open receivable is not listed: the list reads the index, not the receivables.
        await Table.DeleteEntityAsync("status|Open", "inv-6!Open");

        var open = await receivables.ListOpenAsync(null, default);
        var ofBeta = await receivables.ListOpenAsync("beta", default);

        open.Select(r => r.InvoiceId).ShouldBe(["inv-1", "inv-2", "inv-3", "inv-5"]);
        ofBeta.Select(r => r.InvoiceId).ShouldBe(["inv-2", "inv-5"]);
        (await RowKeysAsync("status|Open")).ShouldBe(["inv-1!Open", "inv-2!Open", "inv-3!Open", "inv-5!Open"]);
        (await RowKeysAsync("status|Paid")).ShouldBe(["inv-4!Paid"]);
    }

    [Fact]
    public async Task ListPageAsync_ReceivablesStoredBeforeTheStatusIndex_IndexesAPagePerListStartedAndListsEveryOneMeanwhile()
    {
        await OpenAsync(("inv-1", "acme"), ("inv-2", "beta"), ("inv-3", "acme"), ("inv-4", "zeta"), ("inv-5", "beta"));
        await receivables.UpdateAsync("inv-3", r => r with { Status = ReceivableStatus.Paid }, default);
        await ForgetStatusIndexAsync();
        string[] expectedOpen = ["inv-1", "inv-2", "inv-4", "inv-5"];

        var indexed = new List<int>();
        var scanned = new List<bool>();
        for (var list = 1; list <= 3; list++)
        {
            var pages = await Pages.AllAsync(3, page => receivables.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Open), page, default));
            pages.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(expectedOpen, $"list {list}");
            scanned.Add(pages[0].ContinuationToken!.StartsWith("scan:", StringComparison.Ordinal));
            indexed.Add((await RowKeysAsync("status|Open")).Count + (await RowKeysAsync("status|Paid")).Count);
        }

        var paid = await receivables.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Paid), PageRequest.First(), default);
        var open = await receivables.ListOpenAsync(null, default);

        indexed.ShouldBe([2, 4, 5]);
        scanned.ShouldBe([true, true, false]);
        (await Table.GetEntityIfExistsAsync<TableEntity>("status-index", "complete")).HasValue.ShouldBeTrue();
        paid.Items.Select(r => (r.InvoiceId, r.Status)).ShouldBe([("inv-3", ReceivableStatus.Paid)]);
        open.Select(r => r.InvoiceId).ShouldBe(expectedOpen);
    }

    [Fact]
    public async Task ListOpenAsync_ReceivablesStoredBeforeTheStatusIndex_ListsEveryOneAndIndexesOnePagePerCall()
    {
        await OpenAsync(("inv-1", "acme"), ("inv-2", "beta"), ("inv-3", "acme"), ("inv-4", "zeta"), ("inv-5", "beta"));
        await ForgetStatusIndexAsync();

        var first = await receivables.ListOpenAsync(null, default);
        var afterFirst = await RowKeysAsync("status|Open");
        var second = await receivables.ListOpenAsync(null, default);
        var afterSecond = await RowKeysAsync("status|Open");
        var cursor = (await Table.GetEntityAsync<TableEntity>("status-index", "cursor")).Value;

        first.Select(r => r.InvoiceId).ShouldBe(["inv-1", "inv-2", "inv-3", "inv-4", "inv-5"]);
        second.Select(r => r.InvoiceId).ShouldBe(["inv-1", "inv-2", "inv-3", "inv-4", "inv-5"]);
        afterFirst.ShouldBe(["inv-1!Open", "inv-2!Open"]);
        afterSecond.ShouldBe(["inv-1!Open", "inv-2!Open", "inv-3!Open", "inv-4!Open"]);
        cursor.GetString("Cursor").ShouldNotBeNullOrEmpty();
        (await Table.GetEntityIfExistsAsync<TableEntity>("status-index", "complete")).HasValue.ShouldBeFalse();
    }

    private async Task OpenAsync(params (string InvoiceId, string AccountId)[] invoices)
    {
        foreach (var (invoiceId, accountId) in invoices)
        {
            await receivables.OpenAsync(new Receivable(invoiceId, accountId, "INV-000001", "USD", new Money(100m, "USD"), DueAt, []), default);
        }
    }

    /// <summary>Leaves the table as a version before the status partitions left it: no status rows, no mark, no cursor.</summary>
    private async Task ForgetStatusIndexAsync()
    {
        await foreach (var row in Table.QueryAsync<TableEntity>("(PartitionKey ge 'status|' and PartitionKey lt 'status}') or PartitionKey eq 'status-index'"))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    private async Task<List<string>> RowKeysAsync(string partition)
    {
        var keys = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>($"PartitionKey eq '{partition}'"))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
