using Microsoft.Extensions.Logging;
using ServerlessBilling.Accounts;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Api;

/// <summary>The audit record of an account's profile write: the account, who wrote it (the bootstrap key or an API key's prefix, from
/// <see cref="Http.ApiCaller"/>) and the fields it set or changed, by their JSON names, never their values: a profile holds a
/// contact's address and phone number. The billing contact's address is named masked by the logger (<see cref="EmailAddressAttribute"/>),
/// so an operator can tell whose account it was without the log holding the address.</summary>
public static partial class AccountSaveLog
{
    public static void Saved(ILogger logger, AccountSave save, string caller)
    {
        ArgumentNullException.ThrowIfNull(save);
        var what = save.Created ? "created" : "saved";
        var fields = save.ChangedFields.Count == 0 ? "nothing" : string.Join(", ", save.ChangedFields);
        if (save.Account.Contact?.Email is { Length: > 0 } email)
        {
            LogSaved(logger, save.Account.Id, what, caller, fields, save.Version, email);
        }
        else
        {
            LogSavedWithoutEmail(logger, save.Account.Id, what, caller, fields, save.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Account {AccountId} {Change} by {Caller}: changed {ChangedFields}; version {Version}; billing contact {ContactEmail}")]
    private static partial void LogSaved(
        ILogger logger, string accountId, string change, string caller, string changedFields, string version, [EmailAddress] string contactEmail);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Account {AccountId} {Change} by {Caller}: changed {ChangedFields}; version {Version}; no billing contact address")]
    private static partial void LogSavedWithoutEmail(ILogger logger, string accountId, string change, string caller, string changedFields, string version);
}
