namespace ServerlessBilling.WebhooksOut;

/// <summary>The body that registers an endpoint (<c>url</c> and <c>eventTypes</c> required) or changes one (only the fields given).</summary>
/// <param name="Url">An absolute <c>https</c> URL (plain <c>http</c> only where private targets are allowed, as in development).</param>
/// <param name="EventTypes">Event types such as <c>invoice.finalized</c>, or <c>["*"]</c> for all.</param>
/// <param name="Description">Up to 500 characters.</param>
/// <param name="Enabled">Default true; setting it true again re-enables an endpoint the service disabled.</param>
public sealed record WebhookEndpointChange(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);
