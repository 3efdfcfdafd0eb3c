using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>What the OpenAPI document promises a response to be: the operation a request reaches, the statuses it documents, and the
/// JSON Schema of each status's body, with the document's components as <c>$defs</c>.</summary>
public sealed class ResponseContract
{
    private readonly JsonObject document;
    private readonly JsonObject definitions;
    private readonly List<(Regex Path, string Template)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public ResponseContract(string json)
    {
        document = JsonNode.Parse(json)!.AsObject();
        definitions = JsonNode.Parse(document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        paths = [.. document["paths"]!.AsObject().Select(p => (Pattern(p.Key), p.Key))];
    }

    /// <summary>The document the app serves.</summary>
    public static ResponseContract Current { get; } = new(ApiDocument.Current);

    /// <summary>The operation a request reaches: its <c>operationId</c> and responses, or null for a request no operation describes.</summary>
    public (string OperationId, JsonObject Responses)? Operation(string method, string apiPath)
    {
        foreach (var (pattern, template) in paths)
        {
            if (pattern.IsMatch(apiPath) && document["paths"]![template]![method.ToLowerInvariant()] is JsonObject operation)
            {
                return (operation["operationId"]!.GetValue<string>(), operation["responses"]!.AsObject());
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="body"/> is not what the document promises for the operation and status, or null when it is.</summary>
    public string? Check(string method, string apiPath, int status, string? mediaType, string body)
    {
        if (Operation(method, apiPath) is not { } operation)
        {
            return null;
        }

        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses[code] is not JsonObject response)
        {
            return $"{operation.OperationId} answered {status}, which the document does not list ({string.Join(", ", operation.Responses.Select(r => r.Key))})";
        }

        if (mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return response["content"] is JsonObject declared && mediaType is not null && !declared.ContainsKey(mediaType)
                ? $"{operation.OperationId} answered {status} as {mediaType}, which the document does not list"
                : null;
        }

        if (response["content"]?[mediaType]?["schema"] is not JsonObject schemaNode)
        {
            return $"{operation.OperationId} answered {status} with {mediaType}, which the document does not describe";
        }

        var schema = schemas.GetOrAdd($"{operation.OperationId} {code} {mediaType}", _ => Build(schemaNode));
        var results = schema.Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }

        var errors = (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}"))
            .Distinct().Take(10);
        return $"{operation.OperationId} answered {status} with a body its schema refuses: {string.Join("; ", errors)}\n{body[..Math.Min(body.Length, 2000)]}";
    }

    private JsonSchema Build(JsonObject schema)
    {
        var root = JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = definitions.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{(\w+)}", m => m.Groups[1].Value == "name" && template.StartsWith("/cdr-files", StringComparison.Ordinal) ? ".+" : "[^/]+") + "$");
}
