namespace ServerlessBilling.Telemetry;

/// <summary>What <c>GET /api/health/details</c> answers: whether the parts the product needs are reachable and how far behind it is.</summary>
/// <param name="Status"><c>healthy</c>; <c>degraded</c> (poison messages, a tax table run out, no gateway configured);
/// <c>unhealthy</c> (storage or the task hub unreachable).</param>
/// <param name="RatingQueueDepth">Messages waiting to be rated; null when storage did not answer.</param>
/// <param name="PoisonDepth">Messages that failed five times and wait on <c>rating-poison</c>.</param>
/// <param name="OldestUnratedSeconds">How long the oldest message on the rating queue has waited; null when the queue is empty.</param>
/// <param name="TaxDaysToExpiry">Days until the first stored tax rule runs out of rates (the freshness horizon when none is near; 0 or less: ran out).</param>
/// <param name="GatewaysConfigured">The payment gateways whose credentials are set.</param>
/// <param name="TaskHubReachable">Whether the durable task hub answered; null when the caller had no durable client to ask.</param>
/// <param name="FailingWebhookEndpoints">Enabled outbound webhook endpoints whose every attempt has failed since their last success;
/// null when storage did not answer.</param>
/// <param name="DisabledWebhookEndpoints">Outbound webhook endpoints the service switched off after failing for days (not those
/// the reseller switched off); null when storage did not answer.</param>
/// <remarks>Outbound endpoints are the receivers' own servers: they show here and raise their alert, but do not change
/// <see cref="Status"/>, which says whether this app works.</remarks>
public sealed record HealthReport(
    string Status,
    bool StorageReachable,
    long? RatingQueueDepth,
    long? PoisonDepth,
    double? OldestUnratedSeconds,
    long? TaxDaysToExpiry,
    IReadOnlyList<string> GatewaysConfigured,
    bool? TaskHubReachable = null,
    IReadOnlyList<string>? FailingWebhookEndpoints = null,
    IReadOnlyList<string>? DisabledWebhookEndpoints = null)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";

    /// <summary>The report with the task hub's answer, its status recomputed.</summary>
    public HealthReport WithTaskHub(bool reachable) => (this with { TaskHubReachable = reachable }).Judged();

    /// <summary>The report with <see cref="Status"/> computed from its checks.</summary>
    public HealthReport Judged() => this with
    {
        Status = !StorageReachable || TaskHubReachable == false ? Unhealthy
            : PoisonDepth > 0 || TaxDaysToExpiry <= 0 || GatewaysConfigured.Count == 0 ? Degraded
            : Healthy,
    };
}
