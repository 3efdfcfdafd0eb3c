namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>How the local host listens and polls.</summary>
/// <param name="HttpPort">Port for the Functions routes (/api/...); 0 picks a free one.</param>
/// <param name="ApiKey">The bootstrap admin key, sent in <c>x-functions-key</c> as the function key is in Azure; it issues the API keys.</param>
/// <param name="TaskHubName">Durable Task hub: its tables, queues and containers in the storage account.</param>
public sealed record LocalHostOptions(int HttpPort, string ApiKey, string TaskHubName = "ServerlessBilling")
{
    /// <summary>How long the blob watcher and queue listeners wait before they look again after a look that found work, and after the
    /// first that found none; further empty looks double it, up to <see cref="LocalHostSettings.MaxPollingInterval"/> (<see cref="IdlePolling"/>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the host checks for due closes, as the daily timer function does in Azure; null: never (tests and one-off verbs).</summary>
    public TimeSpan? CloseDueEvery { get; init; }

    /// <summary>How often pending Authorize.Net debits are looked up, as the <c>AuthorizeNetSettlementCheck</c> timer does in Azure; null: never.</summary>
    public TimeSpan? SettlementCheckEvery { get; init; }

    /// <summary>How often <c>serve</c> prints its one-line status (ingested, rated, lag, queued, quarantined, closes in flight); null: never.</summary>
    public TimeSpan? StatusEvery { get; init; }

    /// <summary>Whether the host's log lines go to standard error (a one-off verb whose standard output is its result); else standard output.</summary>
    public bool LogsToStandardError { get; init; }

    /// <summary>How often pending domain events are published to the <c>billing-events</c> queue; null: never (tests publish explicitly).</summary>
    public TimeSpan? PublishEventsEvery { get; init; }

    /// <summary>
    /// How long a message the durable engine took stays hidden if this host goes away before finishing it; after that
    /// another host on the same task hub picks the work up. Null keeps the storage provider's default (5 minutes).
    /// </summary>
    public TimeSpan? EngineMessageVisibility { get; init; }

    /// <summary>A policy every storage request of the durable engine passes through once per attempt (close-bench counts the engine's
    /// requests apart from the billing data's); null in normal runs.</summary>
    public Azure.Core.Pipeline.HttpPipelinePolicy? EngineStorageObserver { get; init; }

    /// <summary>
    /// Runs after the app's own registrations, so a caller can replace one of them (integration tests swap the PDF
    /// renderer to stop a close part-way); null in normal runs.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
