using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>An issued portal link's token and when it stops working; the API answers it with the URL that carries the token.</summary>
/// <param name="ContactEmail">The account's billing contact, who the reseller sends the link to; null when the account has none.</param>
public sealed record PortalLink(string AccountId, string Token, Instant ExpiresAt, string? ContactEmail = null);
