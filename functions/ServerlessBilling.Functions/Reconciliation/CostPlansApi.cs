using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>Cost plans: <c>PUT/GET /api/cost-plans/{vendor}/{product}</c> (a plan document, as price plans are written) and
/// <c>POST /api/cost-plans/{vendor}/{product}/price-list</c> (a vendor's price list CSV through a preset or a column mapping).</summary>
public sealed class CostPlansApi(CostPlanning costPlans)
{
    /// <summary>The largest price list read: a whole country deck of prefixes fits many times over.</summary>
    private const int PriceListLimitBytes = 8 * 1024 * 1024;

    [Function("PutCostPlan")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "cost-plans/{vendor}/{product}")] HttpRequest request,
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

    [Function("GetCostPlan")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cost-plans/{vendor}/{product}")] HttpRequest request,
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
    [Function("ImportCostPlanPriceList")]
    public async Task<IResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cost-plans/{vendor}/{product}/price-list")] HttpRequest request,
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
