namespace ServerlessBilling.Portal;

/// <summary>A signed-in customer: the session's ticket and its signed token (the cookie's value).</summary>
public sealed record PortalSession(PortalTicket Ticket, string Token)
{
    public string AccountId => Ticket.AccountId;
}
