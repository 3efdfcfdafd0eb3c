using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for price plans: <c>PUT/GET /api/plans/{planId}</c>.</summary>
public sealed class PlansApi(IPlanCatalog plans)
{
    [Function("PutPlan")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "plans/{planId}")] HttpRequest request,
        string planId,
        CancellationToken cancellationToken)
    {
        var (plan, problem) = await RequestBody.ReadJsonAsync<PricePlan>(request, cancellationToken);
        if (plan is null)
        {
            return ProblemResults.Invalid($"Plan '{planId}' is not a valid plan document", problem!);
        }

        plan = plan with { Id = planId };
        var problems = PricePlanValidator.Validate(plan);
        if (problems.Count > 0)
        {
            return ProblemResults.Invalid($"Plan '{planId}' is not valid", problems);
        }

        await plans.SetAsync(plan, cancellationToken);
        return Results.Ok(plan);
    }

    [Function("GetPlan")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "plans/{planId}")] HttpRequest request,
        string planId,
        CancellationToken cancellationToken) =>
        await plans.FindAsync(planId, cancellationToken) is { } plan
            ? Results.Ok(plan)
            : ProblemResults.NotFound($"Plan '{planId}'");
}
