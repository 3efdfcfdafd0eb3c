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

    /// <summary>The response for <paramref name="status"/>: problem details whose <c>type</c> is one of <paramref name="types"/>
    /// (flat, rather than a reference, so that generated clients give the type its own property).</summary>
    public static JsonObject Response(int status, IReadOnlyList<ProblemType> types)
    {
        var properties = new JsonObject
        {
            ["type"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "The stable URI of the error kind; branch on it.",
                ["enum"] = new JsonArray([.. types.Select(t => (JsonNode)t.Uri)]),
            },
            ["title"] = new JsonObject { ["type"] = "string", ["description"] = "What happened, for a person." },
            ["status"] = new JsonObject { ["type"] = "integer", ["description"] = $"{status}." },
            ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "What about this occurrence went wrong, beyond the title." },
            ["instance"] = new JsonObject { ["type"] = "string" },
        };
        if (types.Contains(ProblemResults.InvalidFieldType))
        {
            properties["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "For invalid-field: each field at fault (a JSON path or a route parameter) and why.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            };
        }

        return new JsonObject
        {
            ["description"] = string.Join(" Or: ", types.Select(t => $"{t.Uri}: {t.Meaning}")),
            ["content"] = new JsonObject
            {
                ["application/problem+json"] = new JsonObject
                {
                    ["schema"] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray("type", "title", "status") },
                },
            },
        };
    }
}
