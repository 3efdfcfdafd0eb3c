using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>What an endpoint answered to one POST, or why nothing usable came back.</summary>
/// <param name="StatusCode">The HTTP status; null when the request was refused, could not connect or timed out.</param>
/// <param name="Latency">From sending to the response headers, or to the failure.</param>
/// <param name="Error">Why it failed without a status (refused address, timeout, connection error).</param>
public sealed record WebhookResponse(int? StatusCode, Duration Latency, string? Error)
{
    /// <summary>True when the endpoint did not answer within the attempt's time limit (<see cref="StatusCode"/> is then null).</summary>
    public bool TimedOut { get; init; }

    /// <summary>Only 2xx counts: a redirect is not followed, so it is a failure too.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The failure in a few words, for the log.</summary>
    public string? Failure => Succeeded ? null : Error ?? $"HTTP {StatusCode}";
}
