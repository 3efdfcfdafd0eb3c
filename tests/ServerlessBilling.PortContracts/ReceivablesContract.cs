using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;

namespace ServerlessBilling.PortContracts;

/// <summary>Receivables by invoice: opened once, changed by read-modify-write that loses no concurrent change, and gateway payments linked to their invoice.</summary>
public abstract class ReceivablesContract : PortContract<IReceivables>
{
    private static Receivable Open(string invoiceId, string accountId = "acme", decimal total = 100m) =>
        new(invoiceId, accountId, "INV-000001", "USD", new Money(total, "USD"), Samples.Noon.Plus(Duration.FromDays(15)), []);

    private static PaymentEntry Charge(string id, decimal amount) =>
        new(id, PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(amount, "USD"), Samples.Noon);

    [Fact]
    public async Task FindAsync_NeverOpened_IsNull() =>
        (await Port.FindAsync("inv-missing", default)).ShouldBeNull();

    [Fact]
    public async Task OpenAsync_New_StoresAndReturnsIt()
    {
        var opened = await Port.OpenAsync(Open("inv-1"), default);

        Samples.Json(opened).ShouldBe(Samples.Json(Open("inv-1")));
        Samples.Json(await Port.FindAsync("inv-1", default)).ShouldBe(Samples.Json(Open("inv-1")));
    }

    [Fact]
    public async Task OpenAsync_Again_ReturnsTheStoredOneUnchanged()
    {
        await Port.OpenAsync(Open("inv-1", total: 100m), default);
        await Port.UpdateAsync("inv-1", r => r.With(Charge("charge:pi_1", 40m)), default);

        var again = await Port.OpenAsync(Open("inv-1", total: 999m), default);

        (again.Total, again.Paid).ShouldBe((new Money(100m, "USD"), new Money(40m, "USD")));
        (await Port.FindAsync("inv-1", default))!.Total.ShouldBe(new Money(100m, "USD"));
    }

    [Fact]
    public async Task UpdateAsync_Change_IsStoredAndReturned()
    {
        await Port.OpenAsync(Open("inv-1"), default);

        var updated = await Port.UpdateAsync("inv-1", r => r.With(Charge("charge:pi_1", 100m)) with { Status = ReceivableStatus.Paid }, default);

        (updated.Status, updated.BalanceDue).ShouldBe((ReceivableStatus.Paid, Money.Zero("USD")));
        Samples.Json(await Port.FindAsync("inv-1", default)).ShouldBe(Samples.Json(updated));
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_EveryChangeIsKept()
    {
        await Port.OpenAsync(Open("inv-1"), default);

        await AllAtOnceAsync(8, i => Port.UpdateAsync("inv-1", r => r.With(Charge($"charge:pi_{i}", 1m)), default));

        var stored = (await Port.FindAsync("inv-1", default))!;
        stored.Entries.Select(e => e.Id).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, 8).Select(i => $"charge:pi_{i}").Order(StringComparer.Ordinal));
        stored.Paid.ShouldBe(new Money(8m, "USD"));
    }

    [Fact]
    public async Task UpdateAsync_NeverOpened_Throws() =>
        await Assert.ThrowsAnyAsync<Exception>(() => Port.UpdateAsync("inv-missing", r => r, default));

    [Fact]
    public async Task ListOpenAsync_OfAnAccountOrAll_ListsOnlyOpenReceivables()
    {
        await Port.OpenAsync(Open("inv-1", "acme"), default);
        await Port.OpenAsync(Open("inv-2", "acme"), default);
        await Port.OpenAsync(Open("inv-3", "zeta"), default);
        await Port.UpdateAsync("inv-2", r => r with { Status = ReceivableStatus.Paid }, default);

        (await Port.ListOpenAsync("acme", default)).Select(r => r.InvoiceId).ShouldBe(["inv-1"]);
        (await Port.ListOpenAsync(null, default)).Select(r => r.InvoiceId).Order(StringComparer.Ordinal).ShouldBe(["inv-1", "inv-3"]);
        (await Port.ListOpenAsync("nobody", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FindInvoiceOfPaymentAsync_LinkedOrNot_AnswersTheLatestLink()
    {
        (await Port.FindInvoiceOfPaymentAsync("pi_1", default)).ShouldBeNull();

        await Port.LinkPaymentAsync("pi_1", "inv-1", default);
        await Port.LinkPaymentAsync("pi_1", "inv-1", default);
        (await Port.FindInvoiceOfPaymentAsync("pi_1", default)).ShouldBe("inv-1");

        await Port.LinkPaymentAsync("pi_1", "inv-2", default);
        (await Port.FindInvoiceOfPaymentAsync("pi_1", default)).ShouldBe("inv-2");
    }

    [Fact]
    public async Task ListPageAsync_OneAccount_ItsInvoicesByPageInPeriodOrder()
    {
        foreach (var month in new[] { 3, 1, 5, 2, 4 })
        {
            await Port.OpenAsync(OfPeriod("acme", new LocalDate(2026, month, 1)), default);
        }

        await Port.OpenAsync(OfPeriod("zeta", new LocalDate(2026, 1, 1)), default);

        var pages = await Pages.AllAsync(2, page => Port.ListPageAsync(new InvoiceListFilter("acme"), page, default));

        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["acme-20260101", "acme-20260201", "acme-20260301", "acme-20260401", "acme-20260501"]);
        Samples.Json(pages[0].Items[0]).ShouldBe(Samples.Json(OfPeriod("acme", new LocalDate(2026, 1, 1))));
    }

    [Fact]
    public async Task ListPageAsync_AcrossAccountsByPeriodAndStatus_FollowsEachStatusChange()
    {
        var october = new LocalDate(2026, 10, 1);
        foreach (var account in new[] { "delta", "alpha", "gamma", "beta" })
        {
            await Port.OpenAsync(OfPeriod(account, october), default);
        }

        await Port.OpenAsync(OfPeriod("alpha", new LocalDate(2026, 11, 1)), default);
        await Port.UpdateAsync("beta-20261001", r => r with { Status = ReceivableStatus.Paid }, default);
        await Port.UpdateAsync("delta-20261001", r => r with { Status = ReceivableStatus.Paid }, default);
        await Port.UpdateAsync("delta-20261001", r => r with { CollectionId = "collect:delta" }, default);

        var all = await Pages.AllAsync(3, page => Port.ListPageAsync(new InvoiceListFilter(PeriodStart: october), page, default));
        var open = await Pages.AllAsync(1, page => Port.ListPageAsync(new InvoiceListFilter(PeriodStart: october, Status: ReceivableStatus.Open), page, default));
        var paid = await Pages.AllAsync(1, page => Port.ListPageAsync(new InvoiceListFilter(PeriodStart: october, Status: ReceivableStatus.Paid), page, default));
        var alphaOctober = await Port.ListPageAsync(new InvoiceListFilter("alpha", october), PageRequest.First(), default);

        all.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["alpha-20261001", "beta-20261001", "delta-20261001", "gamma-20261001"]);
        open.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["alpha-20261001", "gamma-20261001"]);
        paid.SelectMany(p => p.Items).Select(r => (r.InvoiceId, r.Status)).ShouldBe([("beta-20261001", ReceivableStatus.Paid), ("delta-20261001", ReceivableStatus.Paid)]);
        alphaOctober.Items.Select(r => r.InvoiceId).ShouldBe(["alpha-20261001"]);
    }

    [Fact]
    public async Task ListPageAsync_EveryAccountByStatus_PagesInInvoiceOrderWithoutAPeriod()
    {
        foreach (var (account, month) in new[] { ("delta", 10), ("alpha", 11), ("gamma", 9), ("beta", 10) })
        {
            await Port.OpenAsync(OfPeriod(account, new LocalDate(2026, month, 1)), default);
        }

        await Port.OpenAsync(Open("legacy-1", "omega"), default);
        await Port.UpdateAsync("beta-20261001", r => r with { Status = ReceivableStatus.Paid }, default);

        var open = await Pages.AllAsync(2, page => Port.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Open), page, default));
        var all = await Pages.AllAsync(10, page => Port.ListPageAsync(new InvoiceListFilter(), page, default));

        open.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["alpha-20261101", "delta-20261001", "gamma-20260901", "legacy-1"]);
        open[0].Items.Count.ShouldBe(2);
        all.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(["alpha-20261101", "beta-20261001", "delta-20261001", "gamma-20260901", "legacy-1"]);
    }

    private static Receivable OfPeriod(string accountId, LocalDate start) =>
        Open($"{accountId}-{start:yyyyMMdd}", accountId) with { PeriodStart = start };
}
