using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessBilling.Rating;

internal sealed class BillingIncrementJsonConverter : JsonConverter<BillingIncrement>
{
    public override BillingIncrement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return BillingIncrement.TryParse(text, out var increment)
            ? increment
            : throw new JsonException("An increment is written \"first/next\" in seconds, e.g. \"60/60\" or \"30/6\".");
    }

    public override void Write(Utf8JsonWriter writer, BillingIncrement value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
