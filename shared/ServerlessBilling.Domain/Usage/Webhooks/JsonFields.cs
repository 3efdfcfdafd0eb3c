using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Reads a vendor's JSON fields by name, remembering the first problem with the full path of the field at fault.</summary>
/// <remarks>
/// A parser reads every field it needs, then checks <see cref="Problem"/> once; a field that fails reads as its
/// default. Names may be dotted (<c>call_cost.total_duration_seconds</c>). Numbers are read as decimal, never double.
/// </remarks>
public sealed class JsonFields
{
    private readonly JsonElement element;
    private readonly string path;
    private readonly ProblemHolder holder;

    private JsonFields(JsonElement element, string path, ProblemHolder holder)
    {
        this.element = element;
        this.path = path;
        this.holder = holder;
    }

    public RecordProblem? Problem => holder.Problem;

    /// <summary>Parses a payload; a body that is not a JSON object is a problem at <c>$</c>.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, out RecordProblem? problem)
    {
        problem = null;
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            problem = new RecordProblem("$", "must be a JSON object");
        }
        catch (JsonException e)
        {
            problem = new RecordProblem("$", $"is not valid JSON: {e.Message}");
        }

        return null;
    }

    public static JsonFields Of(JsonElement element, string path = "") => new(element, path, new ProblemHolder());

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Records a problem with a field unless an earlier one is already recorded.</summary>
    public void Fail(string name, string reason) => holder.Problem ??= new RecordProblem(PathOf(name), reason);

    public JsonFields? OptionalObject(string name) =>
        Find(name) is { ValueKind: JsonValueKind.Object } found ? new JsonFields(found, PathOf(name), holder) : null;

    public JsonFields Object(string name) => OptionalObject(name) ?? Missing(name, "must be an object", new JsonFields(default, PathOf(name), holder));

    public JsonElement? Element(string name) => Find(name);

    /// <summary>The items of an optional array, each read at <c>name[i]</c> and sharing this reader's first problem; absent is empty.</summary>
    public IReadOnlyList<JsonFields> OptionalArray(string name) => Find(name) switch
    {
        null or { ValueKind: JsonValueKind.Null } => [],
        { ValueKind: JsonValueKind.Array } items => items.EnumerateArray().Select((item, i) => new JsonFields(item, $"{PathOf(name)}[{i}]", holder)).ToList(),
        _ => Missing<IReadOnlyList<JsonFields>>(name, "must be an array", []),
    };

    public string? OptionalString(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } found => found.GetString(),
        _ => Missing<string?>(name, "must be a string", null),
    };

    public string String(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : Missing(name, "is required", "");

    public decimal? OptionalDecimal(string name)
    {
        var found = Find(name);
        if (found is null)
        {
            return null;
        }

        if (found.Value.ValueKind == JsonValueKind.Number && found.Value.TryGetDecimal(out var number))
        {
            return number;
        }

        // Some vendors write amounts as strings ("0.0140"); they are exact decimals all the same.
        return found.Value.ValueKind == JsonValueKind.String
            && decimal.TryParse(found.Value.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
            ? number
            : Missing<decimal?>(name, "must be a number", null);
    }

    public decimal Decimal(string name) => OptionalDecimal(name) ?? Missing(name, "is required", 0m);

    /// <summary>A non-negative count of seconds; a fraction counts as a whole second, as vendors bill started seconds.</summary>
    public int? OptionalSeconds(string name) => OptionalDecimal(name) switch
    {
        null => null,
        < 0 or > int.MaxValue => Missing<int?>(name, "must be a non-negative number of seconds", null),
        { } seconds => (int)decimal.Ceiling(seconds),
    };

    public int Seconds(string name) => OptionalSeconds(name) ?? Missing(name, "is required", 0);

    /// <summary>A string from a closed set; absent reads as <paramref name="whenAbsent"/>.</summary>
    public T OneOf<T>(string name, T whenAbsent, params (string Text, T Value)[] choices)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return whenAbsent;
        }

        foreach (var (choice, value) in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return Missing(name, $"must be one of {string.Join(", ", choices.Select(c => c.Text))}", whenAbsent);
    }

    public bool? OptionalBoolean(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => Missing<bool?>(name, "must be true or false", null),
    };

    /// <summary>An ISO-8601 instant with a zone designator (<c>2024-11-14T22:14:19.120Z</c>, <c>...+01:00</c>).</summary>
    public Instant? OptionalIsoInstant(string name)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return parsed.Success ? parsed.Value.ToInstant() : Missing<Instant?>(name, "must be an ISO-8601 time with a zone, e.g. 2026-01-05T14:03:00Z", null);
    }

    public Instant IsoInstant(string name) => OptionalIsoInstant(name) ?? Missing(name, "is required", default(Instant));

    /// <summary>Epoch seconds or milliseconds, as the vendor documents the field.</summary>
    public Instant? OptionalEpoch(string name, bool milliseconds)
    {
        var number = OptionalDecimal(name);
        if (number is null)
        {
            return null;
        }

        var limit = milliseconds ? Instant.MaxValue.ToUnixTimeMilliseconds() : Instant.MaxValue.ToUnixTimeSeconds();
        if (number < 0 || number > limit)
        {
            return Missing<Instant?>(name, milliseconds ? "must be epoch milliseconds" : "must be epoch seconds", null);
        }

        var whole = (long)decimal.Truncate(number.Value);
        return milliseconds ? Instant.FromUnixTimeMilliseconds(whole) : Instant.FromUnixTimeSeconds(whole);
    }

    private JsonElement? Find(string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var current = element;
        foreach (var part in name.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    private T Missing<T>(string name, string reason, T fallback)
    {
        Fail(name, reason);
        return fallback;
    }

    private sealed class ProblemHolder
    {
        public RecordProblem? Problem { get; set; }
    }
}
