using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for price plans: <c>PUT/GET /api/plans/{planId}</c>.</summary>
public sealed class PlansApi(IPlanCatalog plans)
{
    [ApiOperation("Plans", "Create or update a price plan",
        Description = "The plan document is checked against the published plan schema first, naming each field at fault.",
        Request = typeof(PricePlan),
        Response = typeof(PricePlan),
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge])]
    [Function("PutPlan")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "plans/{planId}")] HttpRequest request,
        string planId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Plan(planId)) is { } refused)
        {
            return refused;
        }

        var read = await RequestBody.ReadValidAsync<PricePlan>(
            request, $"Plan '{planId}'", PlanDocument.Read, p => p with { Id = planId }, PricePlanValidator.Validate, cancellationToken);
        if (!read.TryGetValue(out var plan))
        {
            return ProblemResults.From(read.Problem!);
        }

        await plans.SetAsync(plan, cancellationToken);
        return Results.Ok(plan);
    }

    [ApiOperation("Plans", "Read a price plan",
        Response = typeof(PricePlan),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetPlan")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "plans/{planId}")] HttpRequest request,
        string planId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Plan(planId)) is { } refused)
        {
            return refused;
        }

        return await plans.FindAsync(planId, cancellationToken) is { } plan
            ? Results.Ok(plan)
            : ProblemResults.NotFound($"Plan '{planId}'");
    }
}
