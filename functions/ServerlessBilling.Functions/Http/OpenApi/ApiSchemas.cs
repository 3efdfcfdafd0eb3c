using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using NodaTime;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>JSON Schemas of the API's request and response types, derived from the C# types with the product's one JSON shape
/// (<see cref="BillingJson"/>), so property names, enum names and NodaTime text are described as they go over the wire.</summary>
/// <remarks>Response schemas refuse properties they do not name, so a response that gains a field the document does not know fails the
/// recorded-responses test rather than drifting silently; request schemas are lenient as the readers are.</remarks>
public sealed class ApiSchemas
{
    private readonly JsonObject components = [];

    /// <summary>The <c>components/schemas</c> collected so far.</summary>
    public JsonObject Components => components;

    /// <summary>A <c>$ref</c> to the schema of <paramref name="type"/>, adding it to <see cref="Components"/> the first time.</summary>
    public JsonObject Reference(Type type, bool strict)
    {
        var name = NameOf(type) + (strict ? "" : "Input");
        if (!components.ContainsKey(name))
        {
            components[name] = Of(type, strict);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
    }

    /// <summary>The schema of <paramref name="type"/>, inline.</summary>
    public static JsonNode Of(Type type, bool strict)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => Describe(context, Transform(context, schema, strict)),
        };
        var schema = BillingJson.Options.GetJsonSchemaAsNode(type, exporter);
        return Inline(schema, schema.DeepClone(), type, 0);
    }

    /// <summary>The exporter refers to a type met before by a JSON pointer from its own root, which means nothing inside the document:
    /// put a copy of what it points at in its place.</summary>
    private static JsonNode Inline(JsonNode node, JsonNode root, Type type, int depth)
    {
        if (node is JsonValue boolean && boolean.TryGetValue<bool>(out var any) && any)
        {
            // "Anything" as the empty schema: OpenAPI tools read schema objects, not the boolean schema.
            return new JsonObject();
        }

        if (depth > 32)
        {
            throw new InvalidOperationException($"{type.Name} is recursive; describe it with a type the schema exporter can inline.");
        }

        if (node is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } pointer && pointer.StartsWith('#'))
        {
            var target = pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate(root, (at, segment) => at[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);
            var copy = Inline(target.DeepClone(), root, type, depth + 1).AsObject();
            foreach (var (key, value) in obj.Where(p => p.Key != "$ref").ToList())
            {
                copy[key] = value?.DeepClone();
            }

            return copy;
        }

        if (node is JsonObject parent)
        {
            foreach (var key in parent.Select(p => p.Key).ToList())
            {
                if (parent[key] is { } child && key is not ("additionalProperties" or "uniqueItems" or "readOnly" or "writeOnly" or "deprecated"))
                {
                    parent[key] = Inline(child.DeepClone(), root, type, depth);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } child)
                {
                    array[i] = Inline(child.DeepClone(), root, type, depth);
                }
            }
        }

        return node;
    }

    /// <summary>A component name for <paramref name="type"/>: <c>Account</c>, <c>NumberAssignmentList</c>.</summary>
    public static string NameOf(Type type)
    {
        if (type.IsArray)
        {
            return NameOf(type.GetElementType()!) + "List";
        }

        if (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            return NameOf(type.GetGenericArguments()[^1]) + "List";
        }

        return type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + string.Concat(type.GetGenericArguments().Select(NameOf))
            : type.Name;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema, bool strict)
    {
        // Types written by the product's converters: the exporter cannot see their text, so say it here.
        var type = context.TypeInfo.Type;
        var wire = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = wire != type || context.PropertyInfo?.IsGetNullable == true;
        if (Text(wire, context.PropertyInfo) is { } text)
        {
            if (nullable)
            {
                text["type"] = new JsonArray("string", "null");
            }

            return text;
        }

        if (schema is JsonObject obj && context.TypeInfo.Kind == JsonTypeInfoKind.Object && obj["properties"] is JsonObject properties)
        {
            if (strict)
            {
                obj["additionalProperties"] = false;
            }

            // Null members are not written (WhenWritingNull), and a document read leniently may leave a reference null whatever
            // its annotation: only members of non-nullable value types are always present. Requests are read as leniently.
            var present = context.TypeInfo.Properties
                .Where(p => p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null && p.ShouldSerialize is null)
                .Select(p => p.Name)
                .Where(properties.ContainsKey)
                .ToList();
            obj.Remove("required");
            if (strict && present.Count > 0)
            {
                obj["required"] = new JsonArray([.. present.Select(n => (JsonNode)n)]);
            }
        }

        return schema;
    }

    /// <summary>A member's <see cref="System.ComponentModel.DescriptionAttribute"/> as its schema's description, where the name alone does not say enough.</summary>
    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is JsonObject obj && context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), inherit: false)
            is [System.ComponentModel.DescriptionAttribute { Description: { Length: > 0 } description }, ..])
        {
            obj["description"] = description;
        }

        return schema;
    }

    private static JsonObject? Text(Type type, JsonPropertyInfo? property)
    {
        if (property?.CustomConverter is { } converter && converter.Type == typeof(Duration))
        {
            return Format(null, "A duration as d.hh:mm:ss (e.g. 3.00:00:00)");
        }

        return type switch
        {
            _ when type == typeof(Instant) => Format("date-time"),
            _ when type == typeof(LocalDate) => Format("date"),
            _ when type == typeof(LocalTime) => Format("time"),
            _ when type == typeof(LocalDateTime) => Format(null, "A date and time without zone, ISO 8601 (2026-11-30T23:59:59)"),
            _ when type == typeof(DateTimeZone) => Format(null, "An IANA time zone (America/Chicago)"),
            _ when type == typeof(Period) => Format(null, "An ISO 8601 period (P1M)"),
            _ when type == typeof(Duration) => Format(null, "A duration, d:hh:mm:ss"),
            _ when type == typeof(ServerlessBilling.Rating.BillingIncrement) => Format(null, "A billing increment as first/then seconds (60/60, 30/6)"),
            _ => null,
        };
    }

    private static JsonObject Format(string? format, string? description = null)
    {
        var schema = new JsonObject { ["type"] = "string" };
        if (format is not null)
        {
            schema["format"] = format;
        }

        if (description is not null)
        {
            schema["description"] = description;
        }

        return schema;
    }
}
