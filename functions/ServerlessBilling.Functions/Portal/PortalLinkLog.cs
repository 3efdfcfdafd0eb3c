using Microsoft.Extensions.Logging;
using ServerlessBilling.Portal;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The audit records of portal links, written wherever one is issued (the management API, the console): the account and
/// its billing contact's address, masked by the logger (<see cref="EmailAddressAttribute"/>); never the link, which is the
/// customer's only credential.</summary>
public static partial class PortalLinkLog
{
    /// <param name="issuedFrom">Where it was issued: <c>the API</c> or <c>the console</c>.</param>
    public static void Issued(ILogger logger, PortalLink link, string issuedFrom)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.ContactEmail is { } email)
        {
            LogIssued(logger, link.AccountId, email, link.ExpiresAt.ToString(), issuedFrom);
        }
        else
        {
            LogIssuedWithoutContact(logger, link.AccountId, link.ExpiresAt.ToString(), issuedFrom);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal link issued for account {AccountId}, for {ContactEmail}, valid until {ExpiresAt}, from {IssuedFrom}")]
    private static partial void LogIssued(ILogger logger, string accountId, [EmailAddress] string contactEmail, string expiresAt, string issuedFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal link issued for account {AccountId} (no billing contact), valid until {ExpiresAt}, from {IssuedFrom}")]
    private static partial void LogIssuedWithoutContact(ILogger logger, string accountId, string expiresAt, string issuedFrom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal links and sessions of account {AccountId} revoked")]
    public static partial void Revoked(ILogger logger, string accountId);
}
