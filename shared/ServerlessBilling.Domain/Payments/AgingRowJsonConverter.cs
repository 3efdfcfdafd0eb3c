using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessBilling.Payments;

/// <summary>Writes an <see cref="AgingRow"/> as it was written when its amounts were bare decimals
/// (<c>{"accountId":"acme","currency":"USD","amounts":[40.00,0,100.5,0,0],"total":140.50}</c>), and reads it back.</summary>
/// <remarks>Amounts keep the scale they were computed with (<c>40.00</c> stays <c>40.00</c>); <c>total</c> is written for
/// readers of the API and ignored when read, since a row computes it. Property names follow the serializer's naming policy.</remarks>
public sealed class AgingRowJsonConverter : JsonConverter<AgingRow>
{
    public override AgingRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var row = document.RootElement;
        var currency = Property(row, nameof(AgingRow.Currency), options).GetString()
            ?? throw new JsonException("An aging row needs its currency.");
        return new AgingRow(
            Property(row, nameof(AgingRow.AccountId), options).GetString() ?? throw new JsonException("An aging row needs its account."),
            currency,
            [.. Property(row, nameof(AgingRow.Amounts), options).EnumerateArray().Select(amount => new Money(amount.GetDecimal(), currency))]);
    }

    public override void Write(Utf8JsonWriter writer, AgingRow value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Name(nameof(AgingRow.AccountId), options), value.AccountId);
        writer.WriteString(Name(nameof(AgingRow.Currency), options), value.Currency);
        writer.WriteStartArray(Name(nameof(AgingRow.Amounts), options));
        foreach (var amount in value.Amounts)
        {
            writer.WriteNumberValue(amount.Amount);
        }

        writer.WriteEndArray();
        writer.WriteNumber(Name(nameof(AgingRow.Total), options), value.Total.Amount);
        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    private static JsonElement Property(JsonElement row, string property, JsonSerializerOptions options)
    {
        var name = Name(property, options);
        foreach (var candidate in row.EnumerateObject())
        {
            if (candidate.NameEquals(name) || (options.PropertyNameCaseInsensitive && string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return candidate.Value;
            }
        }

        throw new JsonException($"An aging row needs '{name}'.");
    }
}
