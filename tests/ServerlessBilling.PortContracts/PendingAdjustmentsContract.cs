using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.PortContracts;

/// <summary>Adjustments wait per account, oldest first, until each is billed on exactly one invoice.</summary>
public abstract class PendingAdjustmentsContract : PortContract<IPendingAdjustments>
{
    private static PendingAdjustment Fee(string id, int minutes = 0, string accountId = "acme", decimal amount = 1.50m) =>
        new(id, accountId, AdjustmentKind.LateFee, "Late fee", new Money(amount, "USD"), Samples.Noon.Plus(Duration.FromMinutes(minutes)), "inv-0");

    [Fact]
    public async Task ListAsync_NothingAdded_IsEmpty() =>
        (await Port.ListAsync("acme", default)).ShouldBeEmpty();

    [Fact]
    public async Task AddAsync_New_IsListedAsAdded()
    {
        await Port.AddAsync(Fee("late-fee:inv-0:1"), default);

        Samples.Json((await Port.ListAsync("acme", default)).ShouldHaveSingleItem()).ShouldBe(Samples.Json(Fee("late-fee:inv-0:1")));
    }

    [Fact]
    public async Task AddAsync_SameIdAgain_KeepsTheFirst()
    {
        await Port.AddAsync(Fee("late-fee:inv-0:1", amount: 1.50m), default);

        await Port.AddAsync(Fee("late-fee:inv-0:1", amount: 9.99m), default);

        (await Port.ListAsync("acme", default)).ShouldHaveSingleItem().Amount.ShouldBe(new Money(1.50m, "USD"));
    }

    [Fact]
    public async Task AddAsync_SameIdAfterItWasBilled_StaysBilled()
    {
        await Port.AddAsync(Fee("f1"), default);
        await Port.MarkBilledAsync("acme", ["f1"], "inv-1", default);

        await Port.AddAsync(Fee("f1"), default);

        (await Port.ListAsync("acme", default)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBe("inv-1");
    }

    [Fact]
    public async Task AddAsync_MarkedAsBilled_WaitsAsUnbilled()
    {
        await Port.AddAsync(Fee("f1") with { BilledOnInvoiceId = "inv-9" }, default);

        (await Port.ListAsync("acme", default)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_SeveralAdjustments_OldestFirstThenById()
    {
        await Port.AddAsync(Fee("c", minutes: 5), default);
        await Port.AddAsync(Fee("b", minutes: 1), default);
        await Port.AddAsync(Fee("a", minutes: 5), default);
        await Port.AddAsync(Fee("z", accountId: "zeta"), default);

        (await Port.ListAsync("acme", default)).Select(a => a.Id).ShouldBe(["b", "a", "c"]);
        (await Port.ListForInvoiceAsync("acme", "inv-1", default)).Select(a => a.Id).ShouldBe(["b", "a", "c"]);
    }

    [Fact]
    public async Task ListForInvoiceAsync_WaitingAndBilledOnThisInvoice_NotThoseBilledOnAnother()
    {
        await Port.AddAsync(Fee("waiting", 0), default);
        await Port.AddAsync(Fee("on-this", 1), default);
        await Port.AddAsync(Fee("on-other", 2), default);
        await Port.MarkBilledAsync("acme", ["on-this"], "inv-2", default);
        await Port.MarkBilledAsync("acme", ["on-other"], "inv-1", default);

        (await Port.ListForInvoiceAsync("acme", "inv-2", default)).Select(a => (a.Id, a.BilledOnInvoiceId))
            .ShouldBe([("waiting", null), ("on-this", "inv-2")]);
    }

    [Fact]
    public async Task MarkBilledAsync_Repeated_ChangesNothing()
    {
        await Port.AddAsync(Fee("f1"), default);

        await Port.MarkBilledAsync("acme", ["f1"], "inv-1", default);
        await Port.MarkBilledAsync("acme", ["f1"], "inv-1", default);

        (await Port.ListAsync("acme", default)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBe("inv-1");
    }

    [Fact]
    public async Task MarkBilledAsync_AlreadyBilledOnAnotherInvoice_ThrowsAndKeepsTheFirst()
    {
        await Port.AddAsync(Fee("f1"), default);
        await Port.MarkBilledAsync("acme", ["f1"], "inv-1", default);

        await Should.ThrowAsync<InvalidOperationException>(() => Port.MarkBilledAsync("acme", ["f1"], "inv-2", default));

        (await Port.ListAsync("acme", default)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBe("inv-1");
    }

    [Fact]
    public async Task MarkBilledAsync_UnknownAdjustment_Throws() =>
        await Assert.ThrowsAnyAsync<Exception>(() => Port.MarkBilledAsync("acme", ["missing"], "inv-1", default));

    [Fact]
    public async Task ListAccountsWithUnbilledAsync_NamesTheAccountsWithOneWaiting_NotThoseWhoseAreAllBilled()
    {
        await Port.AddAsync(Fee("waiting", accountId: "acme"), default);
        await Port.AddAsync(Fee("billed", accountId: "acme"), default);
        await Port.MarkBilledAsync("acme", ["billed"], "inv-1", default);
        await Port.AddAsync(Fee("all-billed", accountId: "zeta"), default);
        await Port.MarkBilledAsync("zeta", ["all-billed"], "inv-2", default);
        await Port.AddAsync(Fee("escaped", accountId: "clinic/east#2%"), default);

        (await Port.ListAccountsWithUnbilledAsync(default)).ShouldNotBeNull().Order(StringComparer.Ordinal).ShouldBe(["acme", "clinic/east#2%"]);
    }

    [Fact]
    public async Task ListAccountsWithUnbilledAsync_NothingAdded_IsEmpty() =>
        (await Port.ListAccountsWithUnbilledAsync(default)).ShouldNotBeNull().ShouldBeEmpty();
}
