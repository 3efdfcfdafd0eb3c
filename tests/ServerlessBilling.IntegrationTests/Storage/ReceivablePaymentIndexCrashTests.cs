using Azure;
using NodaTime;
using ServerlessBilling.Payments;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>A change of a payment's status or time that stops at any write (the instance dies, its last write sent or not),
/// with or without a listing in between: every list shows the payment under the status the receivable holds, once, and after a
/// retry of the change and one read of the lists only the rows of the stored entries are left.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReceivablePaymentIndexCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Instant Start = Instant.FromUtc(2026, 10, 5, 1, 0);
    private static readonly LocalDate First = new(2026, 10, 1);
    private static readonly LocalDate Last = new(2026, 10, 31);
    private static readonly PaymentEntry Processing = new("charge:pi_1", PaymentEntryKind.Charge, PaymentEntryStatus.Processing, new Money(10m, "USD"), Start);

    private readonly DyingReceivables receivables = new(azurite);
    private int cases;

    public enum Change
    {
        SettlesDaysLater,
        IsDeclined,
        FirstPayment,
    }

    private TableWriteFaults Faults => receivables.Faults;

    private TableReceivables Healthy => receivables.Healthy;

    private TableReceivables Dying => receivables.Dying;

    public Task InitializeAsync() => receivables.InitializeAsync();

    public Task DisposeAsync() => receivables.DisposeAsync();

    [Theory]
    [InlineData(Change.SettlesDaysLater, false)]
    [InlineData(Change.SettlesDaysLater, true)]
    [InlineData(Change.IsDeclined, false)]
    [InlineData(Change.IsDeclined, true)]
    [InlineData(Change.FirstPayment, false)]
    [InlineData(Change.FirstPayment, true)]
    public async Task UpdateAsync_DiesAtEveryWrite_NoListMissesThePaymentAndAReadRepairsTheRest(Change change, bool delivered)
    {
        var steps = await WritesOfAsync(change);
        for (var dieAt = 1; dieAt <= steps; dieAt++)
        {
            var (invoiceId, changed) = await BeforeAsync(change);
            Faults.Arm(dieAt, delivered);

            await Should.ThrowAsync<RequestFailedException>(() => Dying.UpdateAsync(invoiceId, changed, default));

            await ShouldListAsStoredAsync(invoiceId, $"died at write {dieAt} of {steps}");
            await Healthy.UpdateAsync(invoiceId, changed, default);
            await ShouldListAsStoredAsync(invoiceId, $"retried after dying at write {dieAt}");
            (await RowsOfAsync(invoiceId)).ShouldBe(await RowsOfStoredAsync(invoiceId), $"rows left after dying at write {dieAt}");
        }
    }

    [Theory]
    [InlineData(Change.SettlesDaysLater)]
    [InlineData(Change.IsDeclined)]
    [InlineData(Change.FirstPayment)]
    public async Task UpdateAsync_ListedBeforeAnyWriteThenDiesAtAnyLaterOne_NoListMissesThePayment(Change change)
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

    private Task<int> WritesOfAsync(Change change) => receivables.WritesOfAsync(() => BeforeAsync(change));

    /// <summary>Opens a receivable of its own account (with a processing charge, unless the change is its first payment).</summary>
    private async Task<(string InvoiceId, Func<Receivable, Receivable> Change)> BeforeAsync(Change change)
    {
        var invoiceId = $"inv-{++cases}";
        await Healthy.OpenAsync(new Receivable(invoiceId, "acct-" + invoiceId, "INV-000001", "USD", new Money(100m, "USD"), Start.Plus(Duration.FromDays(15)), []), default);
        if (change != Change.FirstPayment)
        {
            await Healthy.UpdateAsync(invoiceId, r => r.With(Processing), default);
        }

        return (invoiceId, change switch
        {
            Change.SettlesDaysLater => r => r.With(Processing with { Status = PaymentEntryStatus.Succeeded, At = Start.Plus(Duration.FromDays(3)) }),
            Change.IsDeclined => r => r.With(Processing with { Status = PaymentEntryStatus.Declined }),
            _ => r => r.With(Processing with { Status = PaymentEntryStatus.Succeeded }),
        });
    }

    /// <summary>Every list that could hold the invoice's payments, with and without each status, holds each stored entry
    /// exactly where its stored status and day put it.</summary>
    private async Task ShouldListAsStoredAsync(string invoiceId, string when)
    {
        var stored = (await Healthy.FindAsync(invoiceId, default)).ShouldNotBeNull();
        PaymentEntryStatus?[] statuses = [null, .. Enum.GetValues<PaymentEntryStatus>().Cast<PaymentEntryStatus?>()];
        foreach (var status in statuses)
        {
            var expected = stored.Entries.Where(e => status is null || e.Status == status).Select(e => (e.Id, e.Status, e.At)).ToList();
            var byAccount = await ListedAsync(new PaymentListFilter(stored.AccountId, status), invoiceId);
            var byDays = await ListedAsync(new PaymentListFilter(Status: status, From: First, To: Last), invoiceId);

            byAccount.ShouldBe(expected, $"{when}: the account's list of {status?.ToString() ?? "every status"}");
            byDays.ShouldBe(expected, $"{when}: October's list of {status?.ToString() ?? "every status"}");
        }
    }

    private Task<List<(string Id, PaymentEntryStatus Status, Instant At)>> ListedAsync(PaymentListFilter filter, string invoiceId) =>
        DyingReceivables.ListedAsync(
            page => Healthy.ListPaymentsAsync(filter, page, default), items => items.Where(p => p.InvoiceId == invoiceId).Select(p => (p.Entry.Id, p.Entry.Status, p.Entry.At)));

    /// <summary>The invoice's payment index rows: partition and status.</summary>
    private Task<List<(string Partition, string Status)>> RowsOfAsync(string invoiceId) =>
        receivables.RowsAsync($"PartitionKey ge 'payments|' and PartitionKey lt 'payments}}' and InvoiceId eq '{invoiceId}'", row => (row.PartitionKey, row.GetString("Status")));

    private async Task<List<(string Partition, string Status)>> RowsOfStoredAsync(string invoiceId)
    {
        var stored = (await Healthy.FindAsync(invoiceId, default))!;
        return [.. stored.Entries
            .SelectMany(e => new[] { ("payments|account|" + stored.AccountId, e.Status.ToString()), ($"payments|day|{e.At.InUtc().Date:yyyy-MM-dd}", e.Status.ToString()) })
            .Order()];
    }
}
