using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>A list of durations as .NET span text (<c>["3.00:00:00", "5.00:00:00"]</c>), for the reason <see cref="TimeSpanTextDurationConverter"/> gives.</summary>
public sealed class TimeSpanTextDurationListConverter : JsonConverter<IReadOnlyList<Duration>>
{
    private static readonly TimeSpanTextDurationConverter Item = new();

    public override IReadOnlyList<Duration> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A list of durations is required.");
        }

        var durations = new List<Duration>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            durations.Add(Item.Read(ref reader, typeof(Duration), options));
        }

        return durations;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Duration> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var duration in value)
        {
            Item.Write(writer, duration, options);
        }

        writer.WriteEndArray();
    }
}
