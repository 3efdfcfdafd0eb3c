using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>Webhooks out over real parts: the Table adapters on scratch tables in Azurite, the real sender over loopback HTTP
/// to a <see cref="WebhookReceiver"/>; the clock and the attempt queue are the test's, so days of retries take no time.</summary>
/// <remarks>Private targets are allowed (the receiver is on loopback) unless the options say otherwise.</remarks>
public sealed class WebhookScene : IAsyncDisposable
{
    private readonly ScratchTables tables;
    private readonly HttpWebhookSender sender;

    private WebhookScene(AzuriteFixture azurite, WebhookReceiver receiver, WebhookDeliveryOptions options, int timeoutSeconds)
    {
        tables = new ScratchTables(azurite);
        Receiver = receiver;
        Options = options;
        Endpoints = new TableWebhookEndpoints(tables, new WebhookSecretCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        Deliveries = new TableWebhookDeliveries(tables);
        Outbox = new TableOutbox(tables);
        sender = new HttpWebhookSender(new WebhooksOutSettings { AllowPrivateTargets = options.AllowPrivateTargets, TimeoutSeconds = timeoutSeconds });
        Registry = new WebhookEndpointRegistry(Endpoints, new DnsWebhookTargetCheck(options.AllowPrivateTargets), options, Clock);
        FanOut = new WebhookFanOut(Endpoints, Deliveries, Queue, Clock);
        Deliverer = new WebhookDeliverer(Endpoints, Deliveries, Queue, sender, Outbox, options, Clock);
    }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 12, 1, 9, 0));

    public RecordingWebhookQueue Queue { get; } = new();

    public WebhookReceiver Receiver { get; }

    public WebhookDeliveryOptions Options { get; }

    public TableWebhookEndpoints Endpoints { get; }

    public TableWebhookDeliveries Deliveries { get; }

    public TableOutbox Outbox { get; }

    public WebhookEndpointRegistry Registry { get; }

    public WebhookFanOut FanOut { get; }

    public WebhookDeliverer Deliverer { get; }

    public DateTimeOffset Now => Clock.GetCurrentInstant().ToDateTimeOffset();

    /// <param name="jitter">Keep the schedule's jitter; without it each retry waits its back-off delay exactly, so a test names its time.</param>
    public static async Task<WebhookScene> StartAsync(AzuriteFixture azurite, WebhookDeliveryOptions? options = null, int timeoutSeconds = 15, bool jitter = false)
    {
        var chosen = options ?? WebhookDeliveryOptions.Default with { AllowPrivateTargets = true };
        chosen = jitter ? chosen : chosen with { Schedule = chosen.Schedule with { Jitter = 0 } };
        var scene = new WebhookScene(azurite, await WebhookReceiver.StartAsync(), chosen, timeoutSeconds);
        await scene.tables.ReadyAsync(scene);
        return scene;
    }

    /// <summary>Registers an endpoint on the receiver for <paramref name="types"/>.</summary>
    public async Task<WebhookEndpointWithSecret> RegisterAsync(params string[] types) =>
        (await Registry.CreateAsync(new WebhookEndpointChange(Receiver.Url.ToString(), types, "test receiver", null), default)).Value;

    public static DomainEvent Finalized(string invoiceId, Instant at) =>
        DomainEvent.Create(DomainEvent.InvoiceFinalized, invoiceId, at, "acme", new { invoiceId, total = 12.5m });

    /// <summary>Plays the queue: waits out the next message's delay on the clock and hands it to the deliverer.</summary>
    public async Task<WebhookLogEntry?> DeliverNextAsync()
    {
        var (attempt, delay) = Queue.Take();
        Clock.Advance(delay);
        return await Deliverer.DeliverAsync(attempt, default);
    }

    public async Task<IReadOnlyList<WebhookLogEntry>> LogAsync(string endpointId) =>
        (await Deliveries.ListLogPageAsync(endpointId, Paging.PageRequest.First(100), default)).Items;

    public async ValueTask DisposeAsync()
    {
        sender.Dispose();
        await Receiver.DisposeAsync();
        await tables.DeleteAsync();
    }
}
