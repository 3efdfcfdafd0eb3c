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

    private static readonly Lazy<string> Json = new(() => Build(HttpOperation.All).ToJsonString(new() { WriteIndented = true }));

    /// <summary>The document of this assembly's functions, built once.</summary>
    public static string Current => Json.Value;

    /// <summary>The document of <paramref name="operations"/>; throws for an operation without an <see cref="ApiOperationAttribute"/>.</summary>
    public static JsonObject Build(IEnumerable<HttpOperation> operations)
    {
        var schemas = new ApiSchemas();
        var security = new JsonObject
        {
            [FunctionKey] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key", ["description"] = "A function key of the app (Azure: App keys)." },
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

        **Keys.** Management routes take a function key in the `x-functions-key` header (or the `code` query parameter). Vendor
        webhooks are anonymous and verify the vendor's own signature instead.

        **Versions.** Send `{ApiVersions.Header}: {ApiVersions.Current}` to pin a version; without it the current one answers. Every
        management response names the version that answered in the same header. Vendor webhook routes are not versioned.

        **Errors** are RFC 9457 problem details (`application/problem+json`); branch on `type`:

        | type | status | meaning |
        |---|---|---|
        {string.Join("\n", ProblemResults.Types.Select(t => $"| `{t.Uri}` | {t.Status} | {t.Meaning} |"))}
        """;

    internal static int StatusOf(ProblemKind kind) => ProblemResults.TypeOf(kind).Status;

    internal static bool IsWebhook(HttpOperation operation) => operation.Route.StartsWith("webhooks/", StringComparison.Ordinal);

    internal static string ReasonOf(int status) => ReasonPhrases.GetReasonPhrase(status);
}
