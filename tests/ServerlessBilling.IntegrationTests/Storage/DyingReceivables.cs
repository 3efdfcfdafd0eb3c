using Azure.Core;
using Azure.Data.Tables;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The receivables of one set of scratch tables reached two ways: <see cref="Healthy"/>, and <see cref="Dying"/>, whose
/// writes go through <see cref="Faults"/> and stop where it is armed to; for the crash tests of the receivables' indexes.</summary>
public sealed class DyingReceivables(AzuriteFixture azurite)
{
    private readonly ScratchTables storage = new(azurite);

    public TableWriteFaults Faults { get; } = new();

    public TableReceivables Healthy { get; private set; } = null!;

    public TableReceivables Dying { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Healthy = await storage.ReadyAsync(new TableReceivables(storage));
        var options = new TableClientOptions();
        options.AddPolicy(Faults, HttpPipelinePosition.PerCall);
        Dying = new TableReceivables(storage.With(options));
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    /// <summary>How many writes the change <paramref name="before"/> prepares makes when nothing goes wrong.</summary>
    public async Task<int> WritesOfAsync(Func<Task<(string InvoiceId, Func<Receivable, Receivable> Change)>> before)
    {
        var (invoiceId, change) = await before();
        Faults.Arm(dieAt: null);
        await Dying.UpdateAsync(invoiceId, change, default);
        return Faults.Writes;
    }

    /// <summary>Every item of a list read through <see cref="Healthy"/> two at a time, as <paramref name="select"/> picks them.</summary>
    public static async Task<List<TResult>> ListedAsync<T, TResult>(Func<PageRequest, Task<ListPage<T>>> read, Func<IEnumerable<T>, IEnumerable<TResult>> select)
    {
        var listed = new List<TResult>();
        string? token = null;
        do
        {
            var page = await read(new PageRequest(token, 2));
            listed.AddRange(select(page.Items));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return listed;
    }

    /// <summary>The rows of the <c>Receivables</c> table <paramref name="filter"/> admits, as <paramref name="select"/> reads them, in order.</summary>
    public async Task<List<T>> RowsAsync<T>(string filter, Func<TableEntity, T> select)
    {
        var rows = new List<T>();
        await foreach (var row in storage.GetTableClient(StorageNames.ReceivablesTable).QueryAsync<TableEntity>(filter))
        {
            rows.Add(select(row));
        }

        return [.. rows.Order()];
    }
}
