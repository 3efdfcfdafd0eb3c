using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>A reseller's HTTPS endpoint that receives domain events, signed with the Standard Webhooks scheme.</summary>
/// <param name="Id">Chosen by the service (<c>we_</c> and 20 hex digits).</param>
/// <param name="Url">Where events are POSTed; refused when it names a private, loopback or link-local address (unless the
/// deployment allows private targets).</param>
/// <param name="EventTypes">The event types it receives (<c>invoice.finalized</c>), or <c>*</c> for every type.</param>
/// <param name="Description">The reseller's own note.</param>
/// <param name="Enabled">False when switched off by the reseller or by the service after failing for days.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <remarks>The signing secrets are kept apart (<see cref="WebhookSecrets"/>): nothing that lists or reads an endpoint shows them.</remarks>
public sealed record WebhookEndpoint(string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, Instant CreatedAt)
{
    /// <summary>The event type that subscribes an endpoint to every event.</summary>
    public const string AllTypes = "*";

    /// <summary>When its deliveries started failing without a success since; null while the last attempt succeeded.</summary>
    public Instant? FailingSince { get; init; }

    /// <summary>When the service disabled it; null when enabled or switched off by the reseller.</summary>
    public Instant? DisabledAt { get; init; }

    /// <summary>Why the service disabled it.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>When its secret was last rotated; null when it still has its first.</summary>
    public Instant? SecretRotatedAt { get; init; }

    /// <summary>Whether an event of <paramref name="type"/> is delivered to it now.</summary>
    public bool Receives(string type) => Enabled && EventTypes.Any(t => t == AllTypes || string.Equals(t, type, StringComparison.Ordinal));

    /// <summary>Its state after an attempt: a success ends a failing streak, a failure starts one unless one is running.</summary>
    public WebhookEndpoint AfterAttempt(bool succeeded, Instant at) =>
        succeeded ? this with { FailingSince = null } : this with { FailingSince = FailingSince ?? at };
}
