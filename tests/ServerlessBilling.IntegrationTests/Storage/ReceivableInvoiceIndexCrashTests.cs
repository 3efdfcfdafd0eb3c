using Azure;
using NodaTime;
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

    private readonly DyingReceivables receivables = new(azurite);
    private int cases;

    public enum Change
    {
        IsPaid,
        IsWrittenOff,
        ReopensWhenThePaymentIsReversed,
    }

    private TableWriteFaults Faults => receivables.Faults;

    private TableReceivables Healthy => receivables.Healthy;

    private TableReceivables Dying => receivables.Dying;

    public Task InitializeAsync() => receivables.InitializeAsync();

    public Task DisposeAsync() => receivables.DisposeAsync();

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
            Faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => Dying.UpdateAsync(invoiceId, changed, default));

            await ShouldListAsStoredAsync(invoiceId, $"died at write {dieAt} of {steps}");
            await Healthy.UpdateAsync(invoiceId, changed, default);
            await ShouldListAsStoredAsync(invoiceId, $"retried after dying at write {dieAt}");
            (await RowsOfAsync(invoiceId)).ShouldBe(await RowsOfStoredAsync(invoiceId), $"rows left after dying at write {dieAt}");
            (await Healthy.FindAsync(invoiceId, default))!.Status.ShouldBe(Target(change), $"retried after dying at write {dieAt}");
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
                Faults.Arm(dieAt <= steps ? dieAt : null, delivered: true, listedAt, () => ShouldListAsStoredAsync(invoiceId, $"listed before write {listedAt}"));

                try
                {
                    await Dying.UpdateAsync(invoiceId, changed, default);
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

    private Task<int> WritesOfAsync(Change change) => receivables.WritesOfAsync(() => BeforeAsync(change));

    /// <summary>Opens a receivable of its own account for October (paid already, when the change reopens it).</summary>
    private async Task<(string InvoiceId, Func<Receivable, Receivable> Change)> BeforeAsync(Change change)
    {
        var accountId = $"acct-{++cases}";
        var invoiceId = $"{accountId}-20261001";
        await Healthy.OpenAsync(new Receivable(invoiceId, accountId, "INV-000001", "USD", new Money(100m, "USD"), DueAt, []) { PeriodStart = October }, default);
        if (change == Change.ReopensWhenThePaymentIsReversed)
        {
            await Healthy.UpdateAsync(invoiceId, r => r with { Status = ReceivableStatus.Paid }, default);
        }

        var target = Target(change);
        return (invoiceId, r => r with { Status = target });
    }

    /// <summary>Every list that could hold the invoice, with and without each status, holds it once exactly where its stored
    /// status puts it.</summary>
    private async Task ShouldListAsStoredAsync(string invoiceId, string when)
    {
        var stored = (await Healthy.FindAsync(invoiceId, default)).ShouldNotBeNull();
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

    private Task<List<ReceivableStatus>> ListedAsync(InvoiceListFilter filter, string invoiceId) =>
        DyingReceivables.ListedAsync(page => Healthy.ListPageAsync(filter, page, default), items => items.Where(r => r.InvoiceId == invoiceId).Select(r => r.Status));

    /// <summary>The invoice's index rows: partition and row key.</summary>
    private Task<List<(string Partition, string RowKey)>> RowsOfAsync(string invoiceId) =>
        receivables.RowsAsync($"RowKey ne 'receivable' and InvoiceId eq '{invoiceId}'", row => (row.PartitionKey, row.RowKey));

    private async Task<List<(string Partition, string RowKey)>> RowsOfStoredAsync(string invoiceId)
    {
        var stored = (await Healthy.FindAsync(invoiceId, default))!;
        var key = $"{invoiceId}!{stored.Status}";
        return [.. new[] { ($"account|{stored.AccountId}", key), ("period|2026-10-01", key), ($"status|{stored.Status}", key) }.Order()];
    }
}
