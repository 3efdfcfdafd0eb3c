using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Access;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary><c>/api/api-keys</c>: issue, list and revoke the management API's scoped keys. Admin only, reads included: a key list
/// shows who can reach what.</summary>
/// <remarks>An issued key is a record for the audit trail, by its prefix; its secret is never logged.</remarks>
public sealed partial class ApiKeysApi(ApiKeys keys, ILogger<ApiKeysApi> logger)
{
    private const string Limit = "limit: Items per page, 1 to 500 (default 50)";
    private const string Cursor = "cursor: The next_cursor of the previous page";

    [ApiOperation("Access", "Issue an API key",
        Description = "201 with the key and its `secret`, shown this once: only its SHA-256 is stored. Send it as `Authorization: Bearer {secret}`. " +
            "`scope` is `admin`, `read_only` or `customer`; a customer key names its `accountId` and reaches that account and its locations.",
        Request = typeof(ApiKeyRequest),
        Response = typeof(IssuedApiKey),
        Status = 201,
        Access = RouteAccess.Admin,
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge],
        RequestExample = """{"name":"Portal for Acme","scope":"customer","accountId":"acme"}""")]
    [Function("IssueApiKey")]
    public async Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api-keys")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await RequestBody.ReadJsonAsync<ApiKeyRequest>(request, "The API key request is not a valid document", cancellationToken);
        if (!read.TryGetValue(out var body))
        {
            return ProblemResults.From(read.Problem!);
        }

        var issued = await keys.IssueAsync(body, cancellationToken);
        return issued.ToResult(i =>
        {
            LogIssued(logger, i.Key.Prefix, i.Key.Scope, i.Key.AccountId ?? "-");
            return Results.Created($"/api/api-keys/{i.Key.Id}", i);
        });
    }

    [ApiOperation("Access", "List API keys, revoked ones included",
        Description = "Each key with its prefix, scope, account, and when it was created, last used (to the minute) and revoked; never a secret. " +
            "In creation order, a page at a time.",
        Response = typeof(ListResponse<ApiKey>),
        Access = RouteAccess.Admin,
        Problems = [ProblemKind.Invalid],
        Query = [Limit, Cursor])]
    [Function("ListApiKeys")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api-keys")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ListQuery.RespondAsync(request, "api-keys", page => keys.ListAsync(page, cancellationToken));

    [ApiOperation("Access", "Revoke an API key",
        Description = "The key authenticates nothing from the next request on; revoking it again changes nothing.",
        Response = typeof(ApiKey),
        Access = RouteAccess.Admin,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("RevokeApiKey")]
    public async Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api-keys/{keyId}")] HttpRequest request,
        string keyId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.ApiKey(keyId)) is { } refused)
        {
            return refused;
        }

        return (await keys.RevokeAsync(keyId, cancellationToken)).ToResult(Results.Ok);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {Prefix} issued with scope {Scope} for account {AccountId}")]
    private static partial void LogIssued(ILogger logger, string prefix, ApiKeyScope scope, string accountId);
}
