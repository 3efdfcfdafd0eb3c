using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for the vendor agents an account's calls are attributed by: <c>/api/accounts/{accountId}/agents/{vendor}/{agentId}</c>.</summary>
public sealed class AgentsApi(IAccountDirectory accounts, AccountChanges changes)
{
    /// <summary>Assigns a vendor's agent to the account: <c>{"from": "2026-01-01", "until": null}</c> (dates in the account's zone; <c>until</c> excluded);
    /// 409 when another account holds the agent on one of those days.</summary>
    [ApiOperation("Accounts", "Assign a vendor agent to an account",
        Description = "Calls a vendor reports for the agent are attributed to the account from `from` until `until` (excluded), dates in the account's zone.",
        Request = typeof(AgentAssignment),
        Response = typeof(AgentAssignment),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge],
        RequestExample = """{"from":"2026-01-01","until":null}""")]
    [Function("PutAccountAgent")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "accounts/{accountId}/agents/{vendor}/{agentId}")] HttpRequest request,
        string accountId,
        string vendor,
        string agentId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Account(accountId), RouteIds.Vendor(vendor), RouteIds.Agent(agentId)) is { } refused)
        {
            return refused;
        }

        if (await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return ProblemResults.NotFound($"Account '{accountId}'");
        }

        var read = await RequestBody.ReadValidAsync<AgentAssignment>(
            request, $"Agent {vendor}/{agentId}", a => a with { Vendor = vendor, AgentId = agentId, AccountId = accountId }, AccountValidator.Validate, cancellationToken);
        if (!read.TryGetValue(out var assignment))
        {
            return ProblemResults.From(read.Problem!);
        }

        return (await changes.AssignAgentAsync(assignment, cancellationToken)).ToResult(a => Results.Ok(a));
    }

    [ApiOperation("Accounts", "List an account's vendor agents",
        Response = typeof(ListResponse<AgentAssignment>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListAccountAgents")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accounts/{accountId}/agents")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken) =>
        RouteIds.Refuse(RouteIds.Account(accountId))
            ?? await ListQuery.RespondAsync(request, $"agents|{accountId}", page => accounts.ListAgentsPageAsync(accountId, page, cancellationToken));
}
