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
    public async Task ListOpenAsync_PaidReopenedAndWrittenOff_ListsEachOpenReceivableOnceInInvoiceOrder()
    {
        foreach (var (invoiceId, accountId) in new[] { ("inv-5", "zeta"), ("inv-2", "acme"), ("inv-4", "acme"), ("inv-1", "beta"), ("inv-3", "zeta") })
        {
            await Port.OpenAsync(Open(invoiceId, accountId), default);
        }

        await Port.UpdateAsync("inv-2", r => r with { Status = ReceivableStatus.Paid }, default);
        await Port.UpdateAsync("inv-2", r => r with { Status = ReceivableStatus.Open }, default);
        await Port.UpdateAsync("inv-3", r => r with { Status = ReceivableStatus.WrittenOff }, default);
        await Port.UpdateAsync("inv-4", r => r with { Status = ReceivableStatus.Paid }, default);

        (await Port.ListOpenAsync(null, default)).Select(r => (r.InvoiceId, r.Status)).ShouldBe(
            [("inv-1", ReceivableStatus.Open), ("inv-2", ReceivableStatus.Open), ("inv-5", ReceivableStatus.Open)]);
        (await Port.ListOpenAsync("acme", default)).Select(r => r.InvoiceId).ShouldBe(["inv-2"]);
        (await Port.ListOpenAsync("zeta", default)).Select(r => r.InvoiceId).ShouldBe(["inv-5"]);
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

    [Fact]
    public async Task ListPageAsync_EveryAccountByStatus_FollowsAnInvoiceThroughEachStatusOnce()
    {
        foreach (var account in new[] { "kilo", "echo", "mike" })
        {
            await Port.OpenAsync(OfPeriod(account, new LocalDate(2026, 10, 1)), default);
        }

        foreach (var status in new[] { ReceivableStatus.Paid, ReceivableStatus.Open, ReceivableStatus.WrittenOff })
        {
            await Port.UpdateAsync("echo-20261001", r => r with { Status = status }, default);

            foreach (var listed in Enum.GetValues<ReceivableStatus>())
            {
                var pages = await Pages.AllAsync(1, page => Port.ListPageAsync(new InvoiceListFilter(Status: listed), page, default));
                var expected = new[] { "echo-20261001", "kilo-20261001", "mike-20261001" }
                    .Where(id => listed == (id == "echo-20261001" ? status : ReceivableStatus.Open));
                pages.SelectMany(p => p.Items).Select(r => r.InvoiceId).ShouldBe(expected, $"{listed} listed while echo is {status}");
            }
        }
    }

    [Fact]
    public async Task UpdateAsync_MovesTheAccountOrPeriod_ThrowsAndKeepsItListedWhereItWas()
    {
        var october = new LocalDate(2026, 10, 1);
        await Port.OpenAsync(OfPeriod("acme", october), default);

        await Should.ThrowAsync<InvalidOperationException>(() => Port.UpdateAsync("acme-20261001", r => r with { AccountId = "zeta" }, default));
        await Should.ThrowAsync<InvalidOperationException>(() => Port.UpdateAsync("acme-20261001", r => r with { PeriodStart = october.PlusMonths(1) }, default));
        await Should.ThrowAsync<InvalidOperationException>(() =>
            Port.UpdateAsync("acme-20261001", r => r with { AccountId = "zeta", Status = ReceivableStatus.Paid }, default));

        var stored = (await Port.FindAsync("acme-20261001", default)).ShouldNotBeNull();
        (stored.AccountId, stored.PeriodStart, stored.Status).ShouldBe(("acme", (LocalDate?)october, ReceivableStatus.Open));
        (await Port.ListPageAsync(new InvoiceListFilter("acme"), PageRequest.First(), default)).Items.Select(r => r.InvoiceId).ShouldBe(["acme-20261001"]);
        (await Port.ListPageAsync(new InvoiceListFilter("zeta"), PageRequest.First(), default)).Items.ShouldBeEmpty();
        (await Port.ListPageAsync(new InvoiceListFilter(PeriodStart: october), PageRequest.First(), default)).Items.Select(r => r.InvoiceId).ShouldBe(["acme-20261001"]);
        (await Port.ListPageAsync(new InvoiceListFilter(Status: ReceivableStatus.Paid), PageRequest.First(), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPaymentsAsync_OneAccount_ItsPaymentsByPageInTimeOrderWithinTheDays()
    {
        await Port.OpenAsync(Open("inv-a1", "acme"), default);
        await Port.OpenAsync(Open("inv-a2", "acme"), default);
        await Port.OpenAsync(Open("inv-z1", "zeta"), default);
        await Port.UpdateAsync("inv-a1", r => r.With(Paid("charge:pi_3", Hours(3))).With(Paid("charge:pi_1", Hours(1))), default);
        await Port.UpdateAsync("inv-a2", r => r.With(Paid("offline:chq-2", Hours(2), PaymentEntryKind.Offline)).With(Paid("offline:chq-9", Hours(50), PaymentEntryKind.Offline)), default);
        await Port.UpdateAsync("inv-z1", r => r.With(Paid("charge:pi_z", Hours(2))), default);

        var pages = await Pages.AllAsync(2, page => Port.ListPaymentsAsync(new PaymentListFilter("acme"), page, default));
        var fifth = await Pages.AllAsync(1, page => Port.ListPaymentsAsync(new PaymentListFilter("acme", From: Day(5), To: Day(6)), page, default));
        var seventh = await Port.ListPaymentsAsync(new PaymentListFilter("acme", From: Day(7)), PageRequest.First(), default);

        Pages.Sizes(pages).ShouldBe([2, 2]);
        pages.SelectMany(p => p.Items).Select(p => (p.InvoiceId, p.Entry.Id))
            .ShouldBe([("inv-a1", "charge:pi_1"), ("inv-a2", "offline:chq-2"), ("inv-a1", "charge:pi_3"), ("inv-a2", "offline:chq-9")]);
        Samples.Json(pages[0].Items[0]).ShouldBe(Samples.Json(new InvoicePayment("inv-a1", "acme", "INV-000001", "USD", Paid("charge:pi_1", Hours(1)))));
        fifth.SelectMany(p => p.Items).Select(p => p.Entry.Id).ShouldBe(["charge:pi_1", "offline:chq-2", "charge:pi_3"]);
        seventh.Items.Select(p => p.Entry.Id).ShouldBe(["offline:chq-9"]);
    }

    [Fact]
    public async Task ListPaymentsAsync_AcrossAccountsByStatusAndDays_FollowsAChargeThatSettlesLater()
    {
        await Port.OpenAsync(Open("inv-1", "acme"), default);
        await Port.OpenAsync(Open("inv-2", "zeta"), default);
        await Port.OpenAsync(Open("inv-3", "beta"), default);
        await Port.UpdateAsync("inv-1", r => r.With(Paid("charge:pi_1", Hours(1)) with { Status = PaymentEntryStatus.Processing }), default);
        await Port.UpdateAsync("inv-2", r => r.With(Paid("offline:wire-2", Hours(26), PaymentEntryKind.Offline)), default);
        await Port.UpdateAsync("inv-3", r => r.With(Paid("charge:pi_3", Hours(2)) with { Status = PaymentEntryStatus.Declined }), default);

        var before = await Pages.AllAsync(1, page => Port.ListPaymentsAsync(new PaymentListFilter(From: Day(5), To: Day(6)), page, default));
        var processing = await Port.ListPaymentsAsync(new PaymentListFilter(Status: PaymentEntryStatus.Processing), PageRequest.First(), default);

        await Port.UpdateAsync("inv-1", r => r.With(Paid("charge:pi_1", Hours(72))), default);

        var settled = await Pages.AllAsync(1, page => Port.ListPaymentsAsync(new PaymentListFilter(Status: PaymentEntryStatus.Succeeded, From: Day(5), To: Day(8)), page, default));
        var fifth = await Port.ListPaymentsAsync(new PaymentListFilter(From: Day(5), To: Day(5)), PageRequest.First(), default);

        before.SelectMany(p => p.Items).Select(p => (p.AccountId, p.Entry.Id)).ShouldBe([("acme", "charge:pi_1"), ("beta", "charge:pi_3"), ("zeta", "offline:wire-2")]);
        processing.Items.Select(p => p.Entry.Id).ShouldBe(["charge:pi_1"]);
        settled.SelectMany(p => p.Items).Select(p => (p.Entry.Id, p.Entry.At)).ShouldBe([("offline:wire-2", Hours(26)), ("charge:pi_1", Hours(72))]);
        fifth.Items.Select(p => p.Entry.Id).ShouldBe(["charge:pi_3"]);
        (await Port.ListPaymentsAsync(new PaymentListFilter(Status: PaymentEntryStatus.Processing), PageRequest.First(), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPaymentsAsync_ProcessingChargeThatFails_ListedOnceUnderItsCurrentStatusOnly()
    {
        var charge = Paid("charge:pi_1", Hours(1)) with { Status = PaymentEntryStatus.Processing };
        await Port.OpenAsync(Open("inv-1", "acme").With(charge), default);

        foreach (var status in new[] { PaymentEntryStatus.Processing, PaymentEntryStatus.Failed })
        {
            await Port.UpdateAsync("inv-1", r => r.With(charge with { Status = status }), default);

            foreach (var listed in Enum.GetValues<PaymentEntryStatus>())
            {
                var byAccount = await Port.ListPaymentsAsync(new PaymentListFilter("acme", listed), PageRequest.First(), default);
                var byDay = await Port.ListPaymentsAsync(new PaymentListFilter(Status: listed, From: Day(5), To: Day(5)), PageRequest.First(), default);
                byAccount.Items.Count.ShouldBe(listed == status ? 1 : 0, $"{listed} listed while {status}");
                byDay.Items.Count.ShouldBe(listed == status ? 1 : 0, $"{listed} listed by day while {status}");
            }

            var all = await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default);
            all.Items.Select(p => (p.Entry.Id, p.Entry.Status)).ShouldBe([("charge:pi_1", status)]);
        }
    }

    [Fact]
    public async Task ListPaymentsAsync_NoPayments_OneEmptyLastPage()
    {
        await Port.OpenAsync(Open("inv-1", "acme"), default);

        var page = await Port.ListPaymentsAsync(new PaymentListFilter("acme"), PageRequest.First(), default);

        (page.Items.Count, page.HasMore).ShouldBe((0, false));
    }

    /// <summary>A succeeded payment at <paramref name="at"/>: the contracts' payments fall on October 5 to 8, 2026 (UTC).</summary>
    private static PaymentEntry Paid(string id, Instant at, PaymentEntryKind kind = PaymentEntryKind.Charge) =>
        new(id, kind, PaymentEntryStatus.Succeeded, new Money(10m, "USD"), at);

    /// <summary>October 5, 2026 at midnight UTC plus <paramref name="hours"/>.</summary>
    private static Instant Hours(int hours) => Instant.FromUtc(2026, 10, 5, 0, 0).Plus(Duration.FromHours(hours));

    private static LocalDate Day(int october) => new(2026, 10, october);

    private static Receivable OfPeriod(string accountId, LocalDate start) =>
        Open($"{accountId}-{start:yyyyMMdd}", accountId) with { PeriodStart = start };
}
