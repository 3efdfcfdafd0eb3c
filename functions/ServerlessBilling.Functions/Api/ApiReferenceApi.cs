using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>The API describing itself: <c>GET /api/openapi.json</c> (OpenAPI 3.1) and <c>GET /api/docs</c>, a reference page served from
/// this assembly (no CDN) that renders the same document. Both are anonymous: they describe routes, not data.</summary>
public sealed class ApiReferenceApi
{
    [ApiOperation("Reference", "The OpenAPI 3.1 document of this API", Response = typeof(System.Text.Json.JsonElement), Access = RouteAccess.Public)]
    [Function("GetOpenApiDocument")]
    public static Task<IResult> Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        Task.FromResult(Results.Text(ApiDocument.Current, "application/json"));

    [ApiOperation("Reference", "A readable reference page of this API", Description = "HTML that renders /api/openapi.json; served by the app, no CDN.", Access = RouteAccess.Public)]
    [Function("GetApiReference")]
    public static Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        Task.FromResult(Results.Text(ApiReferencePage.Html, "text/html; charset=utf-8"));
}
