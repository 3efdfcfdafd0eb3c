using System.Text;
using Microsoft.Extensions.Time.Testing;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>A vendor source on the real intake, with an in-memory archive, rating queue and part store, at a fixed time.</summary>
internal sealed class WebhookHarness<TSource>
    where TSource : IWebhookSource
{
    /// <summary>2023-11-14T22:13:20Z, the instant most vendors' documented vectors are signed at.</summary>
    public const long Now = 1_700_000_000;

    public WebhookHarness(Func<ICallPartStore, TSource> create)
    {
        Archive = new InMemoryArchive(Clock);
        Source = create(Parts);
        Intake = new WebhookIntake<TSource>(Source, WebhookTolerance.Default, PhoneRegion.Default, Archive, new WebhookHandoff(Queue, Counters, WebhookGrouping.OneAtATime), Clock);
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(Now));

    public InMemoryArchive Archive { get; }

    public InMemoryRatingQueue Queue { get; } = new();

    public InMemoryIngestCounters Counters { get; } = new();

    public InMemoryCallParts Parts { get; } = new();

    public TSource Source { get; }

    public WebhookIntake<TSource> Intake { get; }

    public Task<Outcome<WebhookReceipt>> PostAsync(string body, params (string Name, string Value)[] headers) =>
        Intake.ReceiveAsync(Delivery(body, headers), CancellationToken.None);

    public static WebhookDelivery Delivery(string body, params (string Name, string Value)[] headers) =>
        new(Encoding.UTF8.GetBytes(body), headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));
}

internal sealed class InMemoryRatingQueue : IRatingQueue
{
    public List<UsageEvent> Events { get; } = [];

    public Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
    {
        Events.AddRange(message.Events);
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryCallParts : ICallPartStore
{
    private readonly Dictionary<string, UsageEvent> parts = new(StringComparer.Ordinal);

    public Task PutAsync(string source, string callKey, string part, UsageEvent partial, CancellationToken cancellationToken)
    {
        parts[$"{source}|{callKey}|{part}"] = partial;
        return Task.CompletedTask;
    }

    public Task<UsageEvent?> FindAsync(string source, string callKey, string part, CancellationToken cancellationToken) =>
        Task.FromResult(parts.GetValueOrDefault($"{source}|{callKey}|{part}"));
}
