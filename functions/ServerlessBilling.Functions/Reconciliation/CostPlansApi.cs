using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>Cost plans: <c>PUT/GET /api/cost-plans/{vendor}/{product}</c> (a plan document, as price plans are written) and
/// <c>POST /api/cost-plans/{vendor}/{product}/price-list</c> (a vendor's price list CSV through a preset or a column mapping).</summary>
public sealed class CostPlansApi(CostPlanning costPlans)
{
    /// <summary>The largest price list read: a whole country deck of prefixes fits many times over.</summary>
    private const int PriceListLimitBytes = 8 * 1024 * 1024;

    [ApiOperation("Upstream costs", "Write a vendor's cost plan (a plan document, checked as price plans are)",
        Request = typeof(PricePlan),
        Response = typeof(CostPlan),
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge])]
    [Function("PutCostPlan")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "cost-plans/{vendor}/{product}")] HttpRequest request,
        string vendor,
        string product,
        CancellationToken cancellationToken)
    {
        if (Refuse(vendor, product) is { } refused)
        {
            return refused;
        }

        if (await RequestBody.ReadAsync(request, RequestBody.DocumentLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.TooLarge(RequestBody.DocumentLimitBytes);
        }

        return (await costPlans.PutAsync(vendor, product, body, cancellationToken)).ToResult(Results.Ok);
    }

    [ApiOperation("Upstream costs", "Read a vendor's cost plan",
        Response = typeof(CostPlan),
        Problems = [ProblemKind.Invalid, ProblemKind.NotFound])]
    [Function("GetCostPlan")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cost-plans/{vendor}/{product}")] HttpRequest request,
        string vendor,
        string product,
        CancellationToken cancellationToken)
    {
        if (Refuse(vendor, product) is { } refused)
        {
            return refused;
        }

        return await costPlans.FindAsync(vendor, product, cancellationToken) is { } plan
            ? Results.Ok(plan)
            : ProblemResults.NotFound($"Cost plan '{vendor}/{product}'");
    }

    /// <summary>Query: <c>effectiveFrom</c>, <c>currency</c>, and <c>preset</c> (<c>twilio-voice</c>, <c>retell</c>) or <c>columns</c>
    /// (<c>field=Header;...</c>) with <c>component</c>, <c>direction</c>, <c>increment</c> for what the list does not state.</summary>
    [ApiOperation("Upstream costs", "Import a vendor's price list CSV into a cost plan",
        RequestMediaType = "text/csv",
        Response = typeof(CostPlan),
        Problems = [ProblemKind.Invalid, ProblemKind.TooLarge],
        Query = ["effectiveFrom: The version's first day (yyyy-MM-dd)", "currency: The list's currency", "preset: twilio-voice or retell",
            "columns: A mapping field=Header;... instead of a preset", "component: The component priced, when the list does not say",
            "direction: The direction priced, when the list does not say", "increment: The vendor's billing increment, when the list does not say"])]
    [Function("ImportCostPlanPriceList")]
    public async Task<IResult> Import(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cost-plans/{vendor}/{product}/price-list")] HttpRequest request,
        string vendor,
        string product,
        CancellationToken cancellationToken)
    {
        if (Refuse(vendor, product) is { } refused)
        {
            return refused;
        }

        var query = request.Query;
        var parsed = PriceListRequest.Parse(query["effectiveFrom"], query["currency"], query["preset"], query["columns"], query["component"], query["direction"], query["increment"]);
        if (!parsed.TryGetValue(out var import))
        {
            return ProblemResults.From(parsed.Problem!);
        }

        if (await RequestBody.ReadAsync(request, PriceListLimitBytes, cancellationToken) is not { } body)
        {
            return ProblemResults.TooLarge(PriceListLimitBytes);
        }

        using var csv = new StreamReader(new MemoryStream(body));
        return (await costPlans.ImportPriceListAsync(vendor, product, import, csv, cancellationToken)).ToResult(Results.Ok);
    }

    private static IResult? Refuse(string vendor, string product) =>
        RouteIds.Refuse(RouteIds.Vendor(vendor), RouteIds.Product(product));
}
