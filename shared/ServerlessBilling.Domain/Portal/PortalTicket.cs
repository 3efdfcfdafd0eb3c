using NodaTime;

namespace ServerlessBilling.Portal;

/// <summary>What a signed portal token carries: a link to redeem, or the session a redeemed link opened.</summary>
/// <param name="Kind">What the token is for; a link never passes as a session, nor a session as a link.</param>
/// <param name="AccountId">The account the token opens (for a group parent, its locations too).</param>
/// <param name="IssuedAt">When the link was issued; a session keeps its link's, so revoking the links issued before an instant ends
/// their sessions too.</param>
/// <param name="ExpiresAt">The first instant the token is refused.</param>
/// <param name="Nonce">Random, so two tokens are never alike; a session's form tokens are derived from it.</param>
public sealed record PortalTicket(PortalTicketKind Kind, string AccountId, Instant IssuedAt, Instant ExpiresAt, string Nonce);
