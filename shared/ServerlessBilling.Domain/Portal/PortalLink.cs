using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>An issued portal link's token and when it stops working; the API answers it with the URL that carries the token.</summary>
public sealed record PortalLink(string AccountId, string Token, Instant ExpiresAt);
