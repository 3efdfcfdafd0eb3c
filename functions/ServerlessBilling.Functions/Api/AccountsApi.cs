using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
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
        var (account, problem) = await RequestBody.ReadJsonAsync<Account>(request, cancellationToken);
        if (account is null)
        {
            return ProblemResults.Invalid($"Account '{accountId}' is not a valid account document", problem!);
        }

        account = account with { Id = accountId };
        var problems = AccountValidator.Validate(account);
        if (problems.Count > 0)
        {
            return ProblemResults.Invalid($"Account '{accountId}' is not valid", problems);
        }

        await accounts.SetAsync(account, cancellationToken);
        return Results.Ok(account);
    }

    [Function("GetAccount")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken) is { } account
            ? Results.Ok(account)
            : ProblemResults.NotFound($"Account '{accountId}'");

    [Function("PutAccountNumber")]
    public async Task<IResult> PutNumber(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "accounts/{accountId}/numbers/{number}")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"Account '{accountId}'");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<NumberHolding>(request, cancellationToken);
        if (body is null)
        {
            return ProblemResults.Invalid($"Number {number} is not a valid assignment", problem!);
        }

        var assignment = new NumberAssignment(number, accountId, body.Type, body.From, body.Until);
        var problems = AccountValidator.Validate(assignment);
        if (problems.Count > 0)
        {
            return ProblemResults.Invalid($"Number {number} is not a valid assignment", problems);
        }

        await accounts.AssignNumberAsync(assignment, cancellationToken);
        return Results.Ok(assignment);
    }

    [Function("ListAccountNumbers")]
    public async Task<IResult> ListNumbers(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "accounts/{accountId}/numbers")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        Results.Ok(await accounts.ListNumbersAsync(accountId, cancellationToken));

    /// <summary>The body of a number assignment: its type and the dates it is held (account's zone).</summary>
    public sealed record NumberHolding(NumberType Type, LocalDate From, LocalDate? Until = null);
}
