using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>Management API for price plans: <c>PUT/GET /api/plans/{planId}</c> and <c>GET /api/plans</c>.</summary>
/// <remarks>A plan answers with its version as <c>ETag</c>; a PUT with <c>If-Match</c> is applied only at that version (412 otherwise).</remarks>
public sealed class PlansApi(IPlanCatalog plans, PlanChanges changes)
{
    /// <summary>Creates or replaces the plan; 409 naming the accounts when it drops or moves a version they bill by,
    /// 412 when <c>If-Match</c> names another version.</summary>
    [ApiOperation("Plans", "Create or update a price plan",
        Description = "The plan document is checked against the published plan schema first, naming each field at fault.",
        Request = typeof(PricePlan),
        Response = typeof(PricePlan),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.Conflict, ProblemKind.Stale, ProblemKind.TooLarge])]
    [Function("PutPlan")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "plans/{planId}")] HttpRequest request,
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

        var stored = await changes.PutAsync(plan, EntityTags.IfMatch(request), cancellationToken);
        return stored.ToResult(s => Results.Ok(s.Plan).WithETag(s.Version));
    }

    /// <summary>A page of plans in id order (<c>limit</c>, <c>cursor</c>).</summary>
    [ApiOperation("Plans", "List price plans",
        Response = typeof(ListResponse<PricePlan>),
        Problems = [ProblemKind.Invalid],
        Query = ["limit: Items per page, 1 to 500 (default 50)", "cursor: The next_cursor of the previous page, with the same filters"])]
    [Function("ListPlans")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "plans")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ListQuery.RespondAsync(request, "plans", page => plans.ListAsync(page, cancellationToken));

    [ApiOperation("Plans", "Read a price plan",
        Response = typeof(PricePlan),
        Versioned = true,
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetPlan")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "plans/{planId}")] HttpRequest request,
        string planId,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Refuse(RouteIds.Plan(planId)) is { } refused)
        {
            return refused;
        }

        return await plans.FindVersionedAsync(planId, cancellationToken) is { } found
            ? Results.Ok(found.Plan).WithETag(found.Version)
            : ProblemResults.NotFound($"Plan '{planId}'");
    }
}
