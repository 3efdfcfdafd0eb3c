using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for accounts and their numbers: <c>/api/accounts</c>, <c>/api/accounts/{accountId}</c> and <c>/api/accounts/{accountId}/numbers/{number}</c>.</summary>
/// <remarks>An account answers with its version as <c>ETag</c>; a PUT with <c>If-Match</c> is applied only at that version (412 otherwise).
/// Each stored PUT is a record for the audit trail (<see cref="AccountSaveLog"/>).</remarks>
public sealed class AccountsApi(IAccountDirectory accounts, AccountChanges changes, ILogger<AccountsApi> logger)
{
    /// <summary>Creates or updates the account's profile; its payment method and suspension belong to collections and are kept.
    /// 400 naming the field (a plan or parent that does not exist included), 412 when <c>If-Match</c> names another version.</summary>
    [ApiOperation("Accounts", "Create or update an account",
        Description = "Creates or updates the account's profile; its payment method and suspension belong to collections and are kept. A plan or parent that does not exist is refused naming the field.",
        Request = typeof(Account),
        Response = typeof(Account),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.Stale, ProblemKind.TooLarge],
        RequestExample = """{"name":"Acme Telecom","planId":"standard-2026","billing":{"timeZone":"America/Chicago","currency":"USD","billCycleDay":1,"netTermsDays":30}}""")]
    [Function("PutAccount")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{accountId}")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadValidAsync<Account>(
            request, $"Account '{accountId}'", a => a with { Id = accountId, Contact = a.Contact?.Normalized() }, AccountValidator.Validate, cancellationToken);
        if (!read.TryGetValue(out var account))
        {
            return ProblemResults.From(read.Problem!);
        }

        var stored = await changes.PutAsync(account, EntityTags.IfMatch(request), cancellationToken);
        return stored.ToResult(s =>
        {
            AccountSaveLog.Saved(logger, s, ApiCaller.Of(request));
            return Results.Ok(s.Account).WithETag(s.Version);
        });
    }

    /// <summary>A page of accounts in id order: <c>?parent=</c> a parent's locations, <c>?status=active|suspended</c>, <c>limit</c>, <c>cursor</c>.</summary>
    [ApiOperation("Accounts", "List accounts",
        Response = typeof(ListResponse<Account>),
        Problems = [ProblemKind.Invalid],
        Query = ["parent: Only this parent's locations", "status: active or suspended", "limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListAccounts")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var filter = AccountListQuery.Read(request);
        return filter.TryGetValue(out var read)
            ? await ListQuery.RespondAsync(request, read.ToString(), page => accounts.ListPageAsync(read, page, cancellationToken))
            : ProblemResults.From(filter.Problem!);
    }

    [ApiOperation("Accounts", "Read an account",
        Response = typeof(Account),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetAccount")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        return await accounts.FindVersionedAsync(accountId, cancellationToken) is { } found
            ? Results.Ok(found.Account).WithETag(found.Version)
            : ProblemResults.NotFound($"Account '{accountId}'");
    }

    /// <summary>Assigns the number to the account for its dates; 409 when another account holds it on one of those days.</summary>
    [ApiOperation("Accounts", "Assign a number to an account",
        Description = "Assigns the number (E.164) to the account for its dates; 409 when another account holds it on one of those days. " +
            "primaryUseState (a USPS code) is the state the number is used in, where it is not the account's service address state; 400 when it is not one.",
        Request = typeof(NumberAssignment),
        Response = typeof(NumberAssignment),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"type":"Local","from":"2026-01-01","primaryUseState":"NM"}""")]
    [Function("PutAccountNumber")]
    public async Task<IResult> PutNumber(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{accountId}/numbers/{number}")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Number(number)) is { } refused)
        {
            return refused;
        }

        if (await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"Account '{accountId}'");
        }

        var read = await RequestBody.ReadValidAsync<NumberAssignment>(
            request, $"Number {number}", a => a with { Number = number, AccountId = accountId }, AccountValidator.Validate, cancellationToken);
        if (!read.TryGetValue(out var assignment))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await changes.AssignNumberAsync(assignment, cancellationToken)).ToResult(a => Results.Ok(a));
    }

    /// <summary>A page of the account's number assignments in number order (<c>limit</c>, <c>cursor</c>).</summary>
    [ApiOperation("Accounts", "List an account's numbers",
        Response = typeof(ListResponse<NumberAssignment>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListAccountNumbers")]
    public async Task<IResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/numbers")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId))
            ?? await ListQuery.RespondAsync(request, $"numbers|{accountId}", page => accounts.ListNumbersPageAsync(accountId, page, cancellationToken));
}
