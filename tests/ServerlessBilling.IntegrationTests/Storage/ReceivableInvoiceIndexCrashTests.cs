using Azure;
using Azure.Core;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A change of an invoice's status that stops at any write (the instance dies, its last write sent or not), with or
/// without a listing in between: the account's, the period's and every status's list show the invoice under the status its
/// receivable holds, once; after a retry of the change and one read of the lists only the rows of the stored status are left.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReceivableInvoiceIndexCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant DueAt = Instant.FromUtc(2026, 11, 15, 0, 0);
    private static readonly LocalDate October = new(2026, 10, 1);

    private readonly TableWriteFaults faults = new();
    private readonly ScratchTables storage = new(azurite);
    private TableReceivables healthy = null!;
    private TableReceivables dying = null!;
    private int cases;

    public enum Change
    {
        IsPaid,
        IsWrittenOff,
        ReopensWhenThePaymentIsReversed,
    }

    public async Task InitializeAsync()
    {
        healthy = await storage.ReadyAsync(new TableReceivables(storage));
        var options = new TableClientOptions();
        options.AddPolicy(faults, HttpPipelinePosition.PerCall);
        dying = new TableReceivables(storage.With(options));
    }

    public Task DisposeAsync() => storage.DeleteAsync();

    [Theory]
    [InlineData(Change.IsPaid, false)]
    [InlineData(Change.IsPaid, true)]
    [InlineData(Change.IsWrittenOff, false)]
    [InlineData(Change.IsWrittenOff, true)]
    [InlineData(Change.ReopensWhenThePaymentIsReversed, false)]
    [InlineData(Change.ReopensWhenThePaymentIsReversed, true)]
    public async Task UpdateAsync_DiesAtEveryWrite_NoListMissesTheInvoiceAndARetryRepairsTheRest(Change change, bool delivered)
    {
        var steps = await WritesOfAsync(change);
        steps.ShouldBe(9, "three rows added ahead, the receivable, the three old rows and two rows of the time before the status was keyed deleted");
        for (var dieAt = 1; dieAt <= steps; dieAt++)
        {
            var (invoiceId, changed) = await BeforeAsync(change);
            faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => dying.UpdateAsync(invoiceId, changed, default));

            await ShouldListAsStoredAsync(invoiceId, $"died at write {dieAt} of {steps}");
            await healthy.UpdateAsync(invoiceId, changed, default);
            await ShouldListAsStoredAsync(invoiceId, $"retried after dying at write {dieAt}");
            (await RowsOfAsync(invoiceId)).ShouldBe(await RowsOfStoredAsync(invoiceId), $"rows left after dying at write {dieAt}");
            (await healthy.FindAsync(invoiceId, default))!.Status.ShouldBe(Target(change), $"retried after dying at write {dieAt}");
        }
    }

    [Theory]
    [InlineData(Change.IsPaid)]
    [InlineData(Change.ReopensWhenThePaymentIsReversed)]
    public async Task UpdateAsync_ListedBeforeAnyWriteThenDiesAtAnyLaterOne_NoListMissesTheInvoice(Change change)
    {
        var steps = await WritesOfAsync(change);
        for (var listedAt = 1; listedAt <= steps; listedAt++)
        {
            for (var dieAt = listedAt; dieAt <= steps + 1; dieAt++)
            {
                var (invoiceId, changed) = await BeforeAsync(change);
                faults.Arm(dieAt <= steps ? dieAt : null, delivered: true, listedAt, () => ShouldListAsStoredAsync(invoiceId, $"listed before write {listedAt}"));

                try
                {
                    await dying.UpdateAsync(invoiceId, changed, default);
                }
                catch (RequestFailedException) when (dieAt <= steps)
                {
                }

                await ShouldListAsStoredAsync(invoiceId, $"listed before write {listedAt}, died at write {dieAt}");
            }
        }
    }

    private static ReceivableStatus Target(Change change) => change switch
    {
        Change.IsPaid => ReceivableStatus.Paid,
        Change.IsWrittenOff => ReceivableStatus.WrittenOff,
        _ => ReceivableStatus.Open,
    };

    /// <summary>How many writes the change makes when nothing goes wrong.</summary>
    private async Task<int> WritesOfAsync(Change change)
    {
        var (invoiceId, changed) = await BeforeAsync(change);
        faults.Arm(dieAt: null);
        await dying.UpdateAsync(invoiceId, changed, default);
        return faults.Writes;
    }

    /// <summary>Opens a receivable of its own account for October (paid already, when the change reopens it).</summary>
    private async Task<(string InvoiceId, Func<Receivable, Receivable> Change)> BeforeAsync(Change change)
    {
        var accountId = $"acct-{++cases}";
        var invoiceId = $"{accountId}-20261001";
        await healthy.OpenAsync(new Receivable(invoiceId, accountId, "INV-000001", "USD", new Money(100m, "USD"), DueAt, []) { PeriodStart = October }, default);
        if (change == Change.ReopensWhenThePaymentIsReversed)
        {
            await healthy.UpdateAsync(invoiceId, r => r with { Status = ReceivableStatus.Paid }, default);
        }

        var target = Target(change);
        return (invoiceId, r => r with { Status = target });
    }

    /// <summary>Every list that could hold the invoice, with and without each status, holds it once exactly where its stored
    /// status puts it.</summary>
    private async Task ShouldListAsStoredAsync(string invoiceId, string when)
    {
        var stored = (await healthy.FindAsync(invoiceId, default)).ShouldNotBeNull();
        ReceivableStatus?[] statuses = [null, .. Enum.GetValues<ReceivableStatus>().Cast<ReceivableStatus?>()];
        foreach (var status in statuses)
        {
            IEnumerable<ReceivableStatus> expected = status is null || status == stored.Status ? [stored.Status] : [];
            var name = status?.ToString() ?? "every status";
            (await ListedAsync(new InvoiceListFilter(stored.AccountId, Status: status), invoiceId)).ShouldBe(expected, $"{when}: the account's list of {name}");
            (await ListedAsync(new InvoiceListFilter(PeriodStart: October, Status: status), invoiceId)).ShouldBe(expected, $"{when}: October's list of {name}");
            if (status is not null)
            {
                (await ListedAsync(new InvoiceListFilter(Status: status), invoiceId)).ShouldBe(expected, $"{when}: every account's list of {name}");
            }
        }
    }

    private async Task<List<ReceivableStatus>> ListedAsync(InvoiceListFilter filter, string invoiceId)
    {
        var listed = new List<ReceivableStatus>();
        string? token = null;
        do
        {
            var page = await healthy.ListPageAsync(filter, new PageRequest(token, 2), default);
            listed.AddRange(page.Items.Where(r => r.InvoiceId == invoiceId).Select(r => r.Status));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return listed;
    }

    /// <summary>The invoice's index rows: partition and row key.</summary>
    private async Task<List<(string Partition, string RowKey)>> RowsOfAsync(string invoiceId)
    {
        var rows = new List<(string, string)>();
        var table = storage.GetTableClient(StorageNames.ReceivablesTable);
        await foreach (var row in table.QueryAsync<TableEntity>($"RowKey ne 'receivable' and InvoiceId eq '{invoiceId}'"))
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        return [.. rows.Order()];
    }

    private async Task<List<(string Partition, string RowKey)>> RowsOfStoredAsync(string invoiceId)
    {
        var stored = (await healthy.FindAsync(invoiceId, default))!;
        var key = $"{invoiceId}!{stored.Status}";
        return [.. new[] { ($"account|{stored.AccountId}", key), ("period|2026-10-01", key), ($"status|{stored.Status}", key) }.Order()];
    }
}
