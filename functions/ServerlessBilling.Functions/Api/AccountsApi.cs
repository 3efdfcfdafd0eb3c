using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for accounts and their numbers: <c>/api/accounts/{accountId}</c> and <c>/api/accounts/{accountId}/numbers/{number}</c>.</summary>
/// <remarks>An account answers with its version as <c>ETag</c>; a PUT with <c>If-Match</c> is applied only at that version (412 otherwise).</remarks>
public sealed class AccountsApi(IAccountDirectory accounts, AccountChanges changes)
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
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "accounts/{accountId}")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadValidAsync<Account>(
            request, $"Account '{accountId}'", a => a with { Id = accountId }, AccountValidator.Validate, cancellationToken);
        if (!read.TryGetValue(out var account))
        {
            return ProblemResults.From(read.Problem!);
        }

        var stored = await changes.PutAsync(account, EntityTags.IfMatch(request), cancellationToken);
        return stored.ToResult(s => Results.Ok(s.Account).WithETag(s.Version));
    }

    [ApiOperation("Accounts", "Read an account",
        Response = typeof(Account),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetAccount")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}")] HttpRequest request,
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
        Description = "Assigns the number (E.164) to the account for its dates; 409 when another account holds it on one of those days.",
        Request = typeof(NumberAssignment),
        Response = typeof(NumberAssignment),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"from":"2026-01-01"}""")]
    [Function("PutAccountNumber")]
    public async Task<IResult> PutNumber(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "accounts/{accountId}/numbers/{number}")] HttpRequest request,
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

    [ApiOperation("Accounts", "List an account's numbers",
        Response = typeof(IReadOnlyList<NumberAssignment>),
        Problems = [ProblemKind.Invalid])]
    [Function("ListAccountNumbers")]
    public async Task<IResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/numbers")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId)) ?? Results.Ok(await accounts.ListNumbersAsync(accountId, cancellationToken));
}
