using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Every account's usage read a page at a time across ledger tables: the cursor carries the table, tables with nothing are
/// skipped, and each row is listed once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly LedgerTables Four = new(4);

    private readonly ScratchTables storage = new(azurite);
    private TableUsageLedger ledger = null!;

    public async Task InitializeAsync() => ledger = await storage.ReadyAsync(new TableUsageLedger(storage, ledger: Four));

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task ListPageAsync_AllAccountsOverFourTablesTwoEmpty_ListsEachRowOnceAndNoEmptyPageButTheLast()
    {
        // Three accounts in table 0 and one in table 2: tables 1 and 3 hold nothing. 5 rows in table 0 end in a short page.
        var inFirst = AccountsIn(0).Take(3).ToList();
        var inThird = AccountsIn(2).First();
        var recorded = new List<RatedUsage>();
        foreach (var (account, rows) in inFirst.Select(a => (a, a == inFirst[0] ? 3 : 1)).Append((inThird, 4)))
        {
            for (var i = 0; i < rows; i++)
            {
                var usage = Samples.Rated(account, Samples.October, $"e{i}");
                (await ledger.TryRecordAsync(usage, default)).ShouldBeTrue();
                recorded.Add(usage);
            }
        }

        var listed = new List<RatedUsage>();
        var cursors = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ledger.ListPageAsync(null, cursor, 2, default);

            // The last may be empty: a table's last full page can come with a cursor that finds nothing more.
            (page.Rows.Count > 0 || page.ContinuationToken is null).ShouldBeTrue();
            page.Rows.Count.ShouldBeLessThanOrEqualTo(2);
            listed.AddRange(page.Rows);
            cursor = page.ContinuationToken;
            if (cursor is not null)
            {
                cursors.Add(cursor);
            }
        }
        while (cursor is not null);

        listed.Select(Samples.Json).ShouldBe(recorded.Select(Samples.Json), ignoreOrder: true);
        listed.Take(5).ShouldAllBe(r => Four.UsageTableOf(r.AccountId) == 0);
        cursors.ShouldContain(c => c.StartsWith("0:", StringComparison.Ordinal));
        cursors.ShouldContain(c => c.StartsWith("2:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListPageAsync_NothingRecordedInAnyTable_IsOneEmptyLastPage()
    {
        var page = await ledger.ListPageAsync(null, null, 10, default);

        page.Rows.ShouldBeEmpty();
        page.ContinuationToken.ShouldBeNull();
    }

    [Fact]
    public async Task ListPageAsync_CursorOfAnotherList_IsRefused()
    {
        await Should.ThrowAsync<ArgumentException>(() => ledger.ListPageAsync(null, "7:x", 10, default));
        await Should.ThrowAsync<ArgumentException>(() => ledger.ListPageAsync(null, "no cursor", 10, default));
    }

    [Fact]
    public async Task TryRecordAsync_AnAccountsPeriods_AllInTheTableOfTheAccount()
    {
        var account = AccountsIn(3).First();
        await ledger.TryRecordAsync(Samples.Rated(account, Samples.October, "e1"), default);
        await ledger.TryRecordAsync(Samples.Rated(account, Samples.November, "e2"), default);

        var third = storage.GetTableClient(StorageNames.UsageTable + "03");
        (await LedgerLayoutRecordTests.RowsAsync(third)).Count.ShouldBe(2);
        (await LedgerLayoutRecordTests.RowsAsync(storage.GetTableClient(StorageNames.UsageTable))).ShouldBeEmpty();
    }

    private static IEnumerable<string> AccountsIn(int table) =>
        Enumerable.Range(0, 1000).Select(i => $"acct-{i}").Where(a => Four.UsageTableOf(a) == table);
}
