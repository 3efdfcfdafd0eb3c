using System.Text.Json.Nodes;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>The problem details schemas of the document: RFC 9457's members, the <c>errors</c> of an invalid field, and the list of
/// <see cref="ProblemResults.Types"/> a client branches on.</summary>
internal static class ApiProblems
{
    public static JsonObject ProblemDetails() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["$ref"] = "#/components/schemas/ProblemType" },
            ["title"] = new JsonObject { ["type"] = "string", ["description"] = "What happened, for a person." },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "What about this occurrence went wrong, beyond the title." },
            ["instance"] = new JsonObject { ["type"] = "string" },
        },
        ["required"] = new JsonArray("type", "title", "status"),
    };

    public static JsonObject ValidationProblemDetails() => new()
    {
        ["allOf"] = new JsonArray(
            new JsonObject { ["$ref"] = "#/components/schemas/ProblemDetails" },
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["errors"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["description"] = "Each field at fault (a JSON path or a route parameter) and why.",
                        ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    },
                },
                ["required"] = new JsonArray("errors"),
            }),
    };

    /// <summary>Every problem type, one <c>const</c> each with its meaning.</summary>
    public static JsonObject TypeList() => new()
    {
        ["description"] = "The stable URI of an error kind; clients branch on it.",
        ["oneOf"] = new JsonArray([.. ProblemResults.Types.Select(t => (JsonNode)new JsonObject
        {
            ["const"] = t.Uri,
            ["title"] = t.Title,
            ["description"] = $"{t.Status}: {t.Meaning}",
        })]),
    };

    /// <summary>The response for <paramref name="status"/> naming the types it may carry.</summary>
    public static JsonObject Response(int status, IReadOnlyList<ProblemType> types)
    {
        var invalidOnly = types.All(t => t == ProblemResults.InvalidFieldType);
        var schema = new JsonObject
        {
            ["allOf"] = new JsonArray(
                new JsonObject { ["$ref"] = invalidOnly ? "#/components/schemas/ValidationProblemDetails" : "#/components/schemas/ProblemDetails" },
                new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["enum"] = new JsonArray([.. types.Select(t => (JsonNode)t.Uri)]) },
                        ["status"] = new JsonObject { ["const"] = status },
                    },
                }),
        };
        return new JsonObject
        {
            ["description"] = string.Join(" Or: ", types.Select(t => $"{t.Uri}: {t.Meaning}")),
            ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = schema } },
        };
    }
}
