namespace ServerlessBilling.LocalHost.Bench;

/// <summary>What <c>ingest-bench</c> sends and how.</summary>
/// <param name="Count">CDR lines in the file, or webhook deliveries (one event each).</param>
/// <param name="Concurrency">Deliveries in flight at once (webhooks only).</param>
/// <param name="Settings">App settings for the bench's host, over its defaults (e.g. <c>Rating:QueueBatchSize</c>).</param>
/// <param name="Baseline">Settings of a first run to compare with; none: one run.</param>
public sealed record IngestBenchOptions(
    IngestBenchMode Mode, int Count, int Accounts, int Concurrency, int AzuritePort,
    IReadOnlyList<KeyValuePair<string, string>> Settings, IReadOnlyList<KeyValuePair<string, string>> Baseline)
{
    /// <summary>Webhook deliveries started per second on a fixed schedule; null: each as soon as one of <see cref="Concurrency"/> is free.</summary>
    /// <remarks>A steady rate is what a deployment sees: the group commits then carry what that rate brings, and the GB-s are its wall time.</remarks>
    public int? Rate { get; init; }
}

/// <summary>How the bench's events arrive.</summary>
public enum IngestBenchMode
{
    /// <summary>One Asterisk Master.csv dropped into <c>cdr-drops</c>, then the same content under another name.</summary>
    Cdr,

    /// <summary>Signed single-event deliveries to <c>POST /api/webhooks/events</c>.</summary>
    Webhooks,
}
