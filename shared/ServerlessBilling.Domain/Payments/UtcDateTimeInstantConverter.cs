using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Writes and reads an <see cref="Instant"/> as a UTC date and time the way a <see cref="DateTime"/> is written
/// (<c>2026-07-01T00:00:00Z</c>), whatever serializer carries it.</summary>
/// <remarks>For the values a collection passes through durable history: the durable engines serialize without NodaTime's
/// converters, and collections in flight when these became instants replay what they stored as date-times.</remarks>
public sealed class UtcDateTimeInstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var at = reader.GetDateTime();
        return Instant.FromDateTimeUtc(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToDateTimeUtc());
}
