using Azure.Core;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>Events added at once share the outbox's insert transactions: each is stored once, one added before (a step run again)
/// keeps what it was first stored with, and the requests are fewer than the events.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableOutboxGroupTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ScratchTables storage = new(azurite);
    private readonly TableWriteFaults counted = new();
    private TableOutbox healthy = null!;

    public async Task InitializeAsync() => healthy = await storage.ReadyAsync(new TableOutbox(storage));

    public Task DisposeAsync() => storage.DeleteAsync();

    [Fact]
    public async Task SixtyEventsAddedAtOnce_SomeTwiceAndSomeBefore_AreEachPendingOnce_InFewerRequests()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var events = Enumerable.Range(0, 60).Select(i => Event(run, i, "current")).ToList();
        foreach (var earlier in events.Take(5))
        {
            await healthy.AddAsync(earlier with { Subject = "earlier" }, default);
        }

        var options = new TableClientOptions();
        options.AddPolicy(counted, HttpPipelinePosition.PerCall);
        var outbox = new TableOutbox(storage.With(options));
        counted.Arm(dieAt: null);
        await Task.WhenAll(events.Concat(events.Skip(50)).Select(e => Task.Run(() => outbox.AddAsync(e, default))));

        var pending = await healthy.ListPendingAsync(200, default);
        pending.Select(e => (e.Id, e.Subject)).Order().ShouldBe(
            events.Select((e, i) => (e.Id, i < 5 ? "earlier" : "current")).Order());
        // One transaction for the rows new to it, tried again without each of the five there already; the second adds of ten are not sent.
        counted.Writes.ShouldBeLessThan(15);
    }

    [Fact]
    public async Task OneEventAlone_IsOneInsert()
    {
        var options = new TableClientOptions();
        options.AddPolicy(counted, HttpPipelinePosition.PerCall);
        var outbox = new TableOutbox(storage.With(options));
        var alone = Event(Guid.NewGuid().ToString("N")[..8], 0, "alone");
        counted.Arm(dieAt: null);

        await outbox.AddAsync(alone, default);
        await outbox.AddAsync(alone, default);

        counted.Writes.ShouldBe(2);
        (await healthy.ListPendingAsync(10, default)).Select(e => (e.Id, e.Subject)).ShouldBe([(alone.Id, "alone")]);
    }

    private static DomainEvent Event(string run, int i, string subject) =>
        DomainEvent.Create("test.grouped", $"{run}-{i:D3}", Instant.FromUtc(2026, 12, 5, 10, 0), subject, new { Ordinal = i });
}
