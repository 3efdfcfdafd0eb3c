using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Health;

/// <summary><c>GET /api/health</c> (anonymous: the platform's health check, status only) and <c>GET /api/health/details</c>
/// (any key that reads): storage, the task hub, the rating queue and its poison queue, the oldest unrated message, tax table
/// freshness and the configured gateways.</summary>
/// <remarks>Unhealthy answers 503 so the platform takes the instance out of rotation; degraded is still 200, for the alerts to tell.</remarks>
public sealed class HealthApi(HealthSampler sampler)
{
    [ApiOperation("Operations", "Whether the app is healthy (the platform's health check)",
        Response = typeof(HealthStatus),
        AlsoStatus = StatusCodes.Status503ServiceUnavailable,
        Access = RouteAccess.Public)]
    [Function("GetHealth")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var report = await sampler.CheckAsync(client, cancellationToken);
        return Results.Json(new HealthStatus(report.Status), statusCode: StatusOf(report));
    }

    [ApiOperation("Operations", "Storage, task hub, queues, tax tables and gateways, checked now",
        Response = typeof(HealthReport),
        AlsoStatus = StatusCodes.Status503ServiceUnavailable)]
    [Function("GetHealthDetails")]
    public async Task<IResult> Details(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/details")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var report = await sampler.CheckAsync(client, cancellationToken);
        return Results.Json(report, statusCode: StatusOf(report));
    }

    private static int StatusOf(HealthReport report) =>
        report.Status == HealthReport.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
}
