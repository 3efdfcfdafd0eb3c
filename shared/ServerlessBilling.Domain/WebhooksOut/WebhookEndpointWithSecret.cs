using NodaTime;

namespace ServerlessBilling.WebhooksOut;

/// <summary>What registering an endpoint or rotating its secret answers: the endpoint and its new secret, shown this once.</summary>
/// <param name="Endpoint">The endpoint as stored.</param>
/// <param name="Secret"><c>whsec_</c> and the base64 key; the service cannot show it again.</param>
/// <param name="PreviousSecretExpiresAt">After a rotation, until when the previous secret still signs (both signatures are sent); null otherwise.</param>
public sealed record WebhookEndpointWithSecret(WebhookEndpoint Endpoint, string Secret, Instant? PreviousSecretExpiresAt);
