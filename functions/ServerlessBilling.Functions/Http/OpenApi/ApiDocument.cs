using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>The OpenAPI 3.1 document of every HTTP function, built from the functions' triggers and the <see cref="ApiOperationAttribute"/>
/// beside each, with schemas derived from the C# types (<see cref="ApiSchemas"/>).</summary>
public static class ApiDocument
{
    public const string FunctionKey = "functionKey";

    public const string FunctionKeyQuery = "functionKeyQuery";

    /// <summary>The scoped API keys' security scheme (<c>Authorization: Bearer sb_live_...</c>).</summary>
    public const string ApiKey = "apiKey";

    private static readonly Lazy<string> Json = new(() => Build(HttpOperation.All).ToJsonString(new() { WriteIndented = true }));

    /// <summary>The document of this assembly's functions, built once.</summary>
    public static string Current => Json.Value;

    /// <summary>The document of <paramref name="operations"/>; throws for an operation without an <see cref="ApiOperationAttribute"/>.</summary>
    public static JsonObject Build(IEnumerable<HttpOperation> operations)
    {
        var schemas = new ApiSchemas();
        var security = new JsonObject
        {
            [ApiKey] = new JsonObject
            {
                ["type"] = "http",
                ["scheme"] = "bearer",
                ["bearerFormat"] = "sb_live_{id}_{secret}",
                ["description"] = "A scoped API key (POST /api-keys issues one). Each operation lists the scopes that may call it: admin, read_only, customer.",
            },
            [FunctionKey] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key", ["description"] = "The bootstrap key: the app's default function key (Azure: App keys), admin on every route." },
            [FunctionKeyQuery] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "code", ["description"] = "The same key as a query parameter, for clients that cannot set headers." },
        };
        var paths = new JsonObject();
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations.OrderBy(o => o.Route, StringComparer.Ordinal))
        {
            var described = operation.Description
                ?? throw new InvalidOperationException($"Function {operation.Name} has no [ApiOperation]: describe it next to the function.");
            tags.Add(described.Tag);
            var path = "/" + operation.Route.Replace("{*", "{", StringComparison.Ordinal);
            var item = paths[path] as JsonObject ?? [];
            paths[path] = item;
            foreach (var method in operation.Methods)
            {
                item[method.ToLowerInvariant()] = ApiOperations.Describe(operation, described, schemas, security);
            }
        }

        schemas.Components["ProblemDetails"] = ApiProblems.ProblemDetails();
        schemas.Components["ValidationProblemDetails"] = ApiProblems.ValidationProblemDetails();
        schemas.Components["ProblemType"] = ApiProblems.TypeList();
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "ServerlessBilling API",
                ["version"] = ApiVersions.Current,
                ["description"] = Introduction(),
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["name"] = t })]),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas.Components, ["securitySchemes"] = security },
        };
    }

    /// <summary>Path parameters as the route names them (<c>{*name}</c> is <c>name</c>, which may contain <c>/</c>).</summary>
    public static IReadOnlyList<(string Name, bool CatchAll)> PathParameters(string route) =>
        [.. RoutePatternFactory.Parse(route).Parameters.Select(p => (p.Name, p.IsCatchAll))];

    private static string Introduction() =>
        $"""
        Telecom usage billing: accounts, plans, usage, closes, invoices, payments and taxes, plus the vendors' webhooks.

        **Keys.** Management routes take a scoped API key as `Authorization: Bearer sb_live_...` (scopes `admin`, `read_only`,
        `customer`; each operation lists those that may call it), or the bootstrap function key in the `x-functions-key` header (or the
        `code` query parameter), which is admin. No key, an unknown or a revoked one is 401; a key outside its scope 403. Vendor webhooks
        verify the vendor's own signature instead; the health check and this description are open.

        **Versions.** Send `{ApiVersions.Header}: {ApiVersions.Current}` to pin a version; without it the current one answers. Every
        management response names the version that answered in the same header. Vendor webhook routes are not versioned.

        **Errors** are RFC 9457 problem details (`application/problem+json`); branch on `type`:

        | type | status | meaning |
        |---|---|---|
        {string.Join("\n", ProblemResults.Types.Select(t => $"| `{t.Uri}` | {t.Status} | {t.Meaning} |"))}
        """;

    /// <summary>The API key scopes that may call <paramref name="operation"/>, as <see cref="ApiKeyGate"/> decides them.</summary>
    internal static IReadOnlyList<string> ScopesOf(HttpOperation operation) => operation.Access switch
    {
        RouteAccess.Read when RouteAccessRules.NamesAccount(operation.Route) => ["admin", "read_only", "customer"],
        RouteAccess.Read => ["admin", "read_only"],
        RouteAccess.AccountWrite when RouteAccessRules.NamesAccount(operation.Route) => ["admin", "customer"],
        _ => ["admin"],
    };

    internal static int StatusOf(ProblemKind kind) => ProblemResults.TypeOf(kind).Status;

    internal static bool IsWebhook(HttpOperation operation) => operation.Route.StartsWith("webhooks/", StringComparison.Ordinal);

    internal static string ReasonOf(int status) => ReasonPhrases.GetReasonPhrase(status);
}
