using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for accounts and their numbers: <c>/api/accounts/{accountId}</c> and <c>/api/accounts/{accountId}/numbers/{number}</c>.</summary>
public sealed class AccountsApi(IAccountDirectory accounts)
{
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

        var groupProblems = await AccountGroups.ValidateAsync(account, accounts, cancellationToken);
        if (groupProblems.Count > 0)
        {
            return ProblemResults.Invalid($"Account '{accountId}' is not valid", groupProblems);
        }

        // The payment profile and suspension belong to collections (payment-method route, dunning), not to this document.
        var existing = await accounts.FindAsync(accountId, cancellationToken);
        account = account with { Payment = existing?.Payment, SuspendedAt = existing?.SuspendedAt };
        await accounts.SetAsync(account, cancellationToken);
        return Results.Ok(account);
    }

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

        return await accounts.FindAsync(accountId, cancellationToken) is { } account
            ? Results.Ok(account)
            : ProblemResults.NotFound($"Account '{accountId}'");
    }

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

        await accounts.AssignNumberAsync(assignment, cancellationToken);
        return Results.Ok(assignment);
    }

    [Function("ListAccountNumbers")]
    public async Task<IResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/numbers")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId)) ?? Results.Ok(await accounts.ListNumbersAsync(accountId, cancellationToken));
}
