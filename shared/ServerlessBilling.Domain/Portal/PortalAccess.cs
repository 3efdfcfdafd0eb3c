using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Portal;

/// <summary>Who may see which account in the customer portal: links the reseller issues and revokes, their redemption into a
/// session, and the accounts a session reaches (its own, and a group parent's locations).</summary>
public sealed class PortalAccess(IAccountDirectory accounts, IPortalRevocations revocations, PortalTokens tokens, RedemptionThrottle throttle, PortalOptions options, IClock clock)
{
    /// <summary>A link for the account, valid for <see cref="PortalOptions.LinkLifetime"/>; not found for an unknown account.</summary>
    public async Task<Outcome<PortalLink>> IssueLinkAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return Problem.NotFound($"Account '{accountId}'");
        }

        var now = clock.GetCurrentInstant();
        var ticket = new PortalTicket(PortalTicketKind.Link, accountId, now, now + options.LinkLifetime, PortalTokens.NewNonce());
        return new PortalLink(accountId, tokens.Sign(ticket), ticket.ExpiresAt, account.Contact?.Email);
    }

    /// <summary>Refuses every link issued for the account until now, and ends the sessions they opened.</summary>
    /// <returns>The instant links issued before are refused; not found for an unknown account.</returns>
    public async Task<Outcome<Instant>> RevokeLinksAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return Problem.NotFound($"Account '{accountId}'");
        }

        // One tick past now: a link issued in this very millisecond is revoked too.
        return await revocations.RevokeAsync(accountId, clock.GetCurrentInstant() + Duration.FromMilliseconds(1), cancellationToken);
    }

    /// <summary>Opens a session for a genuine, unexpired, unrevoked link; <paramref name="client"/> (the caller's address) is
    /// throttled before the token is even read.</summary>
    public async Task<Redemption> RedeemAsync(string? token, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (!await throttle.TryAcquireAsync(client, now, cancellationToken))
        {
            return Redemption.Refused(RedemptionRefusal.TooManyAttempts);
        }

        if (tokens.Read(token, PortalTicketKind.Link) is not { } link)
        {
            return Redemption.Refused(RedemptionRefusal.Invalid);
        }

        if (now >= link.ExpiresAt)
        {
            return Redemption.Refused(RedemptionRefusal.Expired);
        }

        if (await IsRevokedAsync(link, cancellationToken))
        {
            return Redemption.Refused(RedemptionRefusal.Revoked);
        }

        var session = link with { Kind = PortalTicketKind.Session, ExpiresAt = now + options.SessionLifetime, Nonce = PortalTokens.NewNonce() };
        return Redemption.Opened(new PortalSession(session, tokens.Sign(session)));
    }

    /// <summary>The session the cookie's token stands for; null when it is forged, expired, or its link was revoked.</summary>
    public async Task<PortalSession?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(token, PortalTicketKind.Session) is not { } session || clock.GetCurrentInstant() >= session.ExpiresAt)
        {
            return null;
        }

        return await IsRevokedAsync(session, cancellationToken) ? null : new PortalSession(session, token!);
    }

    /// <summary>The account a page shows: the session's own when <paramref name="requested"/> is null or names it, one of its
    /// locations when it is a group parent's; not found for any other account, exactly as for one that does not exist.</summary>
    public async Task<Outcome<Account>> ScopeAsync(PortalSession session, string? requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var accountId = string.IsNullOrEmpty(requested) ? session.AccountId : requested;
        var account = await accounts.FindAsync(accountId, cancellationToken);
        return account is not null && (account.Id == session.AccountId || account.ParentAccountId == session.AccountId)
            ? account
            : Problem.NotFound($"Account '{accountId}'");
    }

    /// <summary>The form token pages put in every form of the session.</summary>
    public string FormToken(PortalSession session) => tokens.FormToken(session.Ticket);

    /// <summary>Whether a posted form carries the session's form token.</summary>
    public bool IsFormToken(PortalSession session, string? presented) => tokens.IsFormToken(session.Ticket, presented);

    private async Task<bool> IsRevokedAsync(PortalTicket ticket, CancellationToken cancellationToken) =>
        await revocations.FindAsync(ticket.AccountId, cancellationToken) is { } before && ticket.IssuedAt < before;
}
