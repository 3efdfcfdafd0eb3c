using System.Text.Json.Nodes;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>An example body built from a schema, for an operation whose <see cref="ApiOperationAttribute"/> gives none: every
/// property present, values that fit their type and format (a date for a date, a number where a number or its text is accepted),
/// so each example passes the schema it illustrates (a test checks every one).</summary>
/// <remarks>Hand-written examples (<see cref="ApiOperationAttribute.RequestExample"/>, <see cref="ApiOperationAttribute.ResponseExample"/>)
/// say more and win; this keeps the reference page from showing a route with no example at all.</remarks>
internal static class ApiExamples
{
    private const int MaxDepth = 12;

    /// <summary>An example of <paramref name="schema"/>, resolving <c>#/components/schemas/</c> references in <paramref name="components"/>.</summary>
    public static JsonNode? Of(JsonNode schema, JsonObject components) => Of(schema, components, null, 0);

    private static JsonNode? Of(JsonNode? schema, JsonObject components, string? name, int depth)
    {
        if (schema is not JsonObject obj || depth > MaxDepth)
        {
            return new JsonObject();
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            return Of(components[reference[(reference.LastIndexOf('/') + 1)..]], components, name, depth + 1);
        }

        if (obj["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        if ((obj["anyOf"] ?? obj["oneOf"]) is JsonArray branches)
        {
            var branch = branches.FirstOrDefault(b => TypeOf(b as JsonObject) != "null") ?? branches[0];
            return Of(branch, components, name, depth + 1);
        }

        return TypeOf(obj) switch
        {
            "object" => Object(obj, components, depth),
            "array" => new JsonArray(Of(obj["items"], components, Singular(name), depth + 1)),
            "integer" => 1,
            "number" => Number(name),
            "boolean" => true,
            "string" => Text(obj, name),
            "null" => null,
            _ => new JsonObject(),
        };
    }

    private static JsonObject Object(JsonObject schema, JsonObject components, int depth)
    {
        var example = new JsonObject();
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (property, propertySchema) in properties)
            {
                example[property] = Of(propertySchema, components, property, depth + 1);
            }
        }
        else if (schema["additionalProperties"] is JsonObject values)
        {
            example["key"] = Of(values, components, null, depth + 1);
        }

        return example;
    }

    /// <summary>The type to illustrate: of several a schema allows, a structure or a number before text (a number that may also
    /// be sent as text is shown as a number), and null last.</summary>
    private static string? TypeOf(JsonObject? schema) => schema?["type"] switch
    {
        JsonValue single => single.GetValue<string>(),
        JsonArray several => new[] { "object", "array", "integer", "number", "boolean", "string", "null" }
            .FirstOrDefault(t => several.Any(s => s?.GetValue<string>() == t)),
        _ => schema?["properties"] is not null ? "object" : null,
    };

    private static JsonNode Number(string? name) =>
        name is not null && (name.Contains("amount", StringComparison.OrdinalIgnoreCase) || name.Contains("total", StringComparison.OrdinalIgnoreCase))
            ? JsonValue.Create(12.50m)
            : JsonValue.Create(1.5m);

    private static JsonNode Text(JsonObject schema, string? name) => (schema["format"]?.GetValue<string>(), name) switch
    {
        ("date-time", _) => "2026-11-01T00:00:00Z",
        ("date", _) => "2026-11-01",
        ("time", _) => "09:00:00",
        (_, "currency") => "USD",
        (_, "timeZone") => "America/Chicago",
        (_, "to" or "from" or "number" or "customerNumber") => "+15055550123",
        (_, { } id) when id.EndsWith("Id", StringComparison.Ordinal) || id == "id" => "acme-1",
        (_, { } text) => text,
        _ => "text",
    };

    private static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;
}
