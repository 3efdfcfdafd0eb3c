using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.Tests.Events;

public class OutboxRelayTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 12, 2, 6, 0);

    private static DomainEvent Finalized(string invoiceId, Instant at) =>
        DomainEvent.Create(DomainEvent.InvoiceFinalized, invoiceId, at, "acme", new { invoiceId });

    [Fact]
    public void Create_SameBusinessKey_HasTheSameId()
    {
        var first = Finalized("acme-20261101", At);
        var retried = Finalized("acme-20261101", At.Plus(Duration.FromMinutes(3)));

        first.Id.ShouldBe("invoice.finalized:acme-20261101");
        retried.Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task PublishPendingAsync_RunTwice_PublishesEachEventOnceInTheOrderTheyOccurred()
    {
        var outbox = new InMemoryOutbox();
        await outbox.AddAsync(Finalized("b", At.Plus(Duration.FromSeconds(1))), CancellationToken.None);
        await outbox.AddAsync(Finalized("a", At), CancellationToken.None);
        await outbox.AddAsync(Finalized("a", At), CancellationToken.None);
        var broker = new RecordingPublisher();
        var relay = new OutboxRelay(outbox, broker);

        var first = await relay.PublishPendingAsync(CancellationToken.None);
        var second = await relay.PublishPendingAsync(CancellationToken.None);

        (first, second).ShouldBe((2, 0));
        broker.Published.ShouldBe(["invoice.finalized:a", "invoice.finalized:b"]);
    }

    [Fact]
    public async Task PublishPendingAsync_BrokerDown_LeavesTheEventPendingForTheNextRun()
    {
        var outbox = new InMemoryOutbox();
        await outbox.AddAsync(Finalized("a", At), CancellationToken.None);
        var broker = new RecordingPublisher { Down = true };

        await Should.ThrowAsync<InvalidOperationException>(() => new OutboxRelay(outbox, broker).PublishPendingAsync(CancellationToken.None));
        broker.Down = false;
        var published = await new OutboxRelay(outbox, broker).PublishPendingAsync(CancellationToken.None);

        published.ShouldBe(1);
        broker.Published.ShouldBe(["invoice.finalized:a"]);
    }

    private sealed class RecordingPublisher : IEventPublisher
    {
        public bool Down { get; set; }

        public List<string> Published { get; } = [];

        public Task PublishAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new InvalidOperationException("broker unavailable");
            }

            Published.Add(domainEvent.Id);
            return Task.CompletedTask;
        }
    }
}
