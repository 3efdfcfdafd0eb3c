using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Http;

/// <summary>Who may call a route: the one check both hosts run before a function (the Functions host in <see cref="ApiKeyMiddleware"/>,
/// the local host in its pipeline), since the platform serves every route anonymously.</summary>
/// <remarks>
/// <para>The Functions platform's keys say only "this caller has a key", with no scopes, so they cannot make a read-only or a
/// customer key. The app checks keys itself: the bootstrap key (the function key, in <c>x-functions-key</c> or <c>?code=</c>) is
/// admin; an API key in <c>Authorization: Bearer</c> has the scope it was issued with.</para>
/// <para>A missing, unknown or revoked key is 401; a known key outside its scope is 403; both are problem details.</para>
/// <para>Every keyed call is logged here, once for every route: the operation, the account it names, and the caller (the bootstrap
/// key, or an API key by its prefix; never a secret); a refusal as a warning with its reason. The caller stays on the request
/// (<see cref="ApiCaller"/>) for the functions' own audit records.</para>
/// </remarks>
public sealed partial class ApiKeyGate(BootstrapKey bootstrap, ApiKeys keys, IAccountDirectory accounts, ILogger<ApiKeyGate> logger)
{
    public const string FunctionKeyHeader = "x-functions-key";

    public const string FunctionKeyQuery = "code";

    /// <summary>Null to let the request through; otherwise the refusal to answer with.</summary>
    /// <param name="routeValue">The value of a route parameter as the host bound it (<c>accountId</c>), null when the route has none.</param>
    public async Task<IResult?> CheckAsync(HttpContext http, HttpOperation operation, Func<string, string?> routeValue, CancellationToken cancellationToken)
    {
        var access = operation.Access;
        if (access == RouteAccess.Public)
        {
            return null;
        }

        var request = http.Request;
        var accountId = routeValue(RouteAccessRules.AccountParameter);
        if (bootstrap.Matches(request.Headers[FunctionKeyHeader].FirstOrDefault() ?? request.Query[FunctionKeyQuery].FirstOrDefault()))
        {
            LogCalled(logger, operation.Name, accountId ?? "-", "the bootstrap key", "admin");
            ApiCaller.Record(http, ApiCaller.BootstrapKey);
            return null;
        }

        if (Bearer(request) is not { } presented)
        {
            LogRefused(logger, operation.Name, accountId ?? "-", "no key", "no key was sent");
            return ProblemResults.Of(ProblemResults.UnauthorizedType, "A key is required",
                "Send an API key as 'Authorization: Bearer sb_live_...', or the function key in x-functions-key.");
        }

        var caller = await keys.AuthenticateAsync(presented, cancellationToken);
        if (!caller.TryGetValue(out var key))
        {
            LogRefused(logger, operation.Name, accountId ?? "-", "an unknown or revoked key", caller.Problem!.Title);
            return ProblemResults.From(caller.Problem!);
        }

        if (await RefusalAsync(key, access, operation, routeValue, cancellationToken) is { } refusal)
        {
            LogRefused(logger, operation.Name, accountId ?? "-", key.Prefix, refusal.Title);
            return ProblemResults.From(refusal);
        }

        LogCalled(logger, operation.Name, accountId ?? "-", key.Prefix, ScopeOf(key));
        ApiCaller.Record(http, key.Prefix);
        return null;
    }

    private async Task<Problem?> RefusalAsync(ApiKey key, RouteAccess access, HttpOperation operation, Func<string, string?> routeValue, CancellationToken cancellationToken)
    {
        var what = $"{string.Join("/", operation.Methods)} /api/{operation.Route}";
        switch (key.Scope)
        {
            case ApiKeyScope.Admin:
                return null;
            case ApiKeyScope.ReadOnly:
                return access == RouteAccess.Read ? null : Problem.Forbidden($"The read-only key {key.Prefix} cannot call {what}");
            case ApiKeyScope.Customer when access is RouteAccess.Read or RouteAccess.AccountWrite && RouteAccessRules.NamesAccount(operation.Route):
                var accountId = routeValue(RouteAccessRules.AccountParameter);
                return await ReachesAsync(key.AccountId!, accountId, cancellationToken)
                    ? null
                    : Problem.Forbidden($"The customer key {key.Prefix} reaches account '{key.AccountId}' and its locations only");
            default:
                return Problem.Forbidden($"The customer key {key.Prefix} cannot call {what}");
        }
    }

    /// <summary>The key's own account, or a location of it (an account whose parent it is).</summary>
    private async Task<bool> ReachesAsync(string keyAccount, string? accountId, CancellationToken cancellationToken)
    {
        if (accountId is null || !IdRule.AccountId.Accepts(accountId))
        {
            return false;
        }

        return accountId == keyAccount
            || (await accounts.FindAsync(accountId, cancellationToken))?.ParentAccountId == keyAccount;
    }

    private static string ScopeOf(ApiKey key) => key.Scope switch
    {
        ApiKeyScope.Admin => "admin",
        ApiKeyScope.ReadOnly => "read_only",
        _ => $"customer of {key.AccountId}",
    };

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} for account {AccountId} called with {Caller} ({Scope})")]
    private static partial void LogCalled(ILogger logger, string operation, string accountId, string caller, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} for account {AccountId} refused to {Caller}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string operation, string accountId, string caller, string reason);
}
