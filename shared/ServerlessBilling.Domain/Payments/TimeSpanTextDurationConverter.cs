using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Writes and reads a <see cref="Duration"/> as .NET span text (<c>3.00:00:00</c>), whatever serializer carries it.</summary>
/// <remarks>Policies were stored and sent as spans before they became durations: accounts in Table storage, collections
/// in flight in durable history (weeks long) and clients of the account API keep that text, so it stays the shape.</remarks>
public sealed class TimeSpanTextDurationConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Duration.FromTimeSpan(TimeSpan.Parse(reader.GetString() ?? throw new JsonException("A duration is required."), CultureInfo.InvariantCulture));

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToTimeSpan().ToString("c", CultureInfo.InvariantCulture));
}
