using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Reads a price plan document the way it enters the product (the management API, a plan file): checked against the
/// published schema (<c>price-plan.schema.json</c>) first, then read into the model.</summary>
/// <remarks>
/// <para>The model's reader is lenient where the schema is not: it reads enum names in any case and as numbers, numbers
/// written as strings, and a missing price as 0. A rate row without <c>perMinute</c> would then rate its calls free, so a
/// document is read only once the schema accepts it; every schema error becomes one <see cref="RecordProblem"/> naming its
/// JSON path (<c>versions[0].usageRates[1].perMinute</c>), as <see cref="PricePlanValidator"/> does.</para>
/// <para>The schema says <c>integer</c> for counts of seconds and decimals, which JSON Schema also matches for <c>1.0</c>; the
/// model reads whole numbers only, so <c>1.0</c> is refused by the read, naming the same path.</para>
/// <para>The result is not yet validated: the caller completes it (its id) and runs <see cref="PricePlanValidator"/>, which
/// checks what a schema cannot (known currencies, distinct version dates, known band names).</para>
/// </remarks>
public static class PlanDocument
{
    private static readonly Lazy<(JsonSchema Schema, JsonNode Text)> Published = new(Load);

    /// <summary>The published schema's text, as shipped in this assembly.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = typeof(PlanDocument).Assembly.GetManifestResourceStream("ServerlessBilling.Rating.price-plan.schema.json")
                ?? throw new InvalidOperationException("The plan schema is not embedded in the domain assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Reads <paramref name="utf8Json"/> as a plan when the schema accepts it.</summary>
    /// <returns>The plan as written (not yet validated), or an invalid problem naming each field at fault: the JSON path, or <c>$</c>
    /// for the document itself.</returns>
    public static Outcome<PricePlan> Read(byte[] utf8Json)
    {
        if (utf8Json.Length == 0)
        {
            return Refused(new RecordProblem("$", "a JSON document is required"));
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            var problems = SchemaProblems(document.RootElement);
            if (problems.Count > 0)
            {
                return Refused(problems);
            }

            return JsonSerializer.Deserialize<PricePlan>(document.RootElement, BillingJson.Options) is { } plan
                ? plan
                : Refused(new RecordProblem("$", "a JSON document is required"));
        }
        catch (JsonException e)
        {
            return Refused(new RecordProblem(FieldOf(e.Path), e.Message));
        }
    }

    /// <inheritdoc cref="Read(byte[])"/>
    public static Outcome<PricePlan> Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    private static Problem Refused(RecordProblem problem) => Refused([problem]);

    private static Problem Refused(IReadOnlyList<RecordProblem> problems) => Problem.Invalid("The plan is not a valid document", problems);

    private static List<RecordProblem> SchemaProblems(JsonElement document)
    {
        var results = Published.Value.Schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = new List<RecordProblem>();
        if (results.IsValid)
        {
            return problems;
        }

        foreach (var detail in results.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var path = PathOf(detail.InstanceLocation.ToString());
                var subschema = SubschemaAt(detail.SchemaLocation);
                var found = keyword switch
                {
                    "required" => Missing(document, detail.InstanceLocation.ToString(), subschema)
                        .Select(name => new RecordProblem(Join(path, name), "is required")),
                    "enum" when subschema?["enum"] is JsonArray values =>
                        [new RecordProblem(path, $"must be one of {string.Join(", ", values.Select(v => v?.ToJsonString() ?? "null"))}")],
                    _ => [new RecordProblem(path, message)],
                };
                problems.AddRange(found.Where(p => !problems.Contains(p)));
            }
        }

        return problems.Count > 0 ? problems : [new RecordProblem("$", "does not match the plan schema")];
    }

    /// <summary>The required properties of <paramref name="subschema"/> that the object at <paramref name="pointer"/> lacks.</summary>
    private static IEnumerable<string> Missing(JsonElement document, string pointer, JsonNode? subschema)
    {
        var element = document;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            element = element.ValueKind == JsonValueKind.Array ? element[int.Parse(segment, CultureInfo.InvariantCulture)] : element.GetProperty(segment);
        }

        var required = subschema?["required"] as JsonArray ?? [];
        return required.Select(r => r!.GetValue<string>()).Where(name => element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out _));
    }

    /// <summary>The schema object whose keyword failed: its location is <c>...#/$defs/usageRate</c>.</summary>
    private static JsonNode? SubschemaAt(Uri? location)
    {
        var fragment = Uri.UnescapeDataString(location?.Fragment.TrimStart('#') ?? "");
        var segments = fragment.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? node = Published.Value.Text;
        foreach (var segment in segments)
        {
            node = node is JsonArray array ? array[int.Parse(segment, CultureInfo.InvariantCulture)] : node?[segment];
        }

        return node;
    }

    /// <summary>A JSON pointer (<c>/versions/0/usageRates/1</c>) as the field path problems name (<c>versions[0].usageRates[1]</c>).</summary>
    private static string PathOf(string pointer)
    {
        var path = "";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"{path}[{name}]" : Join(path, name);
        }

        return path.Length == 0 ? "$" : path;
    }

    private static string Join(string path, string name) => path is "" or "$" ? name : $"{path}.{name}";

    /// <summary>The reader's path (<c>$.versions[0].perCall</c>) without its root.</summary>
    private static string FieldOf(string? readerPath) =>
        readerPath is null or "$" ? "$" : readerPath.StartsWith("$.", StringComparison.Ordinal) ? readerPath[2..] : readerPath;

    private static (JsonSchema, JsonNode) Load()
    {
        var text = SchemaText;
        // A registry of its own: the schema's $id may be registered elsewhere in the process (a test loading the file).
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return (schema, JsonNode.Parse(text)!);
    }
}
