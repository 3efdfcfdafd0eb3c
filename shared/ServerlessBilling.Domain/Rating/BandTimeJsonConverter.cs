using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Rating;

/// <summary>Reads a time band's bound as the plan schema writes it, "HH:MM" or "HH:MM:SS" (two digits each, 00:00 to
/// 23:59:59, no fractions), and writes "HH:MM:SS", so the reader accepts exactly the documents the schema does.</summary>
internal sealed class BandTimeJsonConverter : JsonConverter<LocalTime>
{
    private static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalTimePattern Seconds = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss");

    public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var pattern = text?.Length == 5 ? Minutes : Seconds;
        return text is { Length: 5 or 8 } && pattern.Parse(text) is { Success: true } result
            ? result.Value
            : throw new JsonException("A time band's from and to are local times written \"HH:MM\" or \"HH:MM:SS\", e.g. \"18:00\".");
    }

    public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Seconds.Format(value));
}
