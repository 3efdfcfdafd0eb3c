using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Writes a <see cref="CollectionResult"/> as <c>{"InvoiceId":"inv-1","Paid":false,"BalanceDue":10.50,"Currency":"USD"}</c>:
/// the shape outputs had when the balance was a decimal, with the currency added last, so a reader of that shape still reads it.</summary>
public sealed class CollectionResultJsonConverter : JsonConverter<CollectionResult>
{
    public override CollectionResult? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Wire>(ref reader, options)?.ToResult();

    public override void Write(Utf8JsonWriter writer, CollectionResult value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, Wire.Of(value), options);

    private sealed record Wire(string InvoiceId, bool Paid, decimal BalanceDue, string? Currency)
    {
        public static Wire Of(CollectionResult result) => new(result.InvoiceId, result.Paid, result.BalanceDue.Amount, result.BalanceDue.Currency);

        public CollectionResult ToResult() => new(
            InvoiceId, Paid, new Money(BalanceDue, Currency ?? throw new JsonException($"The collection result of {InvoiceId} names no currency.")));
    }
}
