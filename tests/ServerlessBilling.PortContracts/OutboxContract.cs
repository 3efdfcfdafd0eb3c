using ServerlessBilling.Events;

namespace ServerlessBilling.PortContracts;

/// <summary>The outbox holds each event id once, until it is marked published, and never again after.</summary>
public abstract class OutboxContract : PortContract<IOutbox>
{
    private static DomainEvent Finalized(string invoiceId, int minutes = 0) =>
        DomainEvent.Create(DomainEvent.InvoiceFinalized, invoiceId, Samples.Noon.Plus(NodaTime.Duration.FromMinutes(minutes)), "acme", new { invoiceId });

    [Fact]
    public async Task ListPendingAsync_NothingAdded_IsEmpty() =>
        (await Port.ListPendingAsync(10, default)).ShouldBeEmpty();

    [Fact]
    public async Task AddAsync_NewEvent_IsPendingAsAdded()
    {
        var added = Finalized("acme-20261001");

        await Port.AddAsync(added, default);

        Samples.Json((await Port.ListPendingAsync(10, default)).ShouldHaveSingleItem()).ShouldBe(Samples.Json(added));
    }

    [Fact]
    public async Task AddAsync_SameIdAgain_KeepsTheFirst()
    {
        await Port.AddAsync(Finalized("acme-20261001"), default);

        await Port.AddAsync(Finalized("acme-20261001", minutes: 3), default);

        (await Port.ListPendingAsync(10, default)).ShouldHaveSingleItem().OccurredAt.ShouldBe(Samples.Noon);
    }

    [Fact]
    public async Task AddAsync_ConcurrentRetries_OnePendingEvent()
    {
        await AllAtOnceAsync(6, async _ =>
        {
            await Port.AddAsync(Finalized("acme-20261001"), default);
            return true;
        });

        (await Port.ListPendingAsync(10, default)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ListPendingAsync_MoreThanMax_ReturnsAtMostMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await Port.AddAsync(Finalized($"inv-{i}", i), default);
        }

        (await Port.ListPendingAsync(3, default)).Count.ShouldBe(3);
        (await Port.ListPendingAsync(10, default)).Select(e => e.Id).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task MarkPublishedAsync_PendingEvent_IsNoLongerPending()
    {
        var first = Finalized("a");
        await Port.AddAsync(first, default);
        await Port.AddAsync(Finalized("b", 1), default);

        await Port.MarkPublishedAsync(first, default);

        (await Port.ListPendingAsync(10, default)).ShouldHaveSingleItem().Id.ShouldBe(Finalized("b").Id);
    }

    [Fact]
    public async Task MarkPublishedAsync_Twice_ChangesNothing()
    {
        var added = Finalized("a");
        await Port.AddAsync(added, default);

        await Port.MarkPublishedAsync(added, default);
        await Port.MarkPublishedAsync(added, default);

        (await Port.ListPendingAsync(10, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_AfterItWasPublished_IsNotPendingAgain()
    {
        var added = Finalized("a");
        await Port.AddAsync(added, default);
        await Port.MarkPublishedAsync(added, default);

        await Port.AddAsync(added, default);

        (await Port.ListPendingAsync(10, default)).ShouldBeEmpty();
    }
}
