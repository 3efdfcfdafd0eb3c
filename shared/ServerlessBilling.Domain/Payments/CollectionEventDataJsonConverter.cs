using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Writes a <see cref="CollectionEventData"/> as the payload was written when its amounts were bare decimals
/// (<c>{"invoiceId":…,"currency":"USD","balanceDue":30.30,"amount":60.25,…}</c>), and reads it back.</summary>
/// <remarks>Amounts keep the scale they were computed with; absent values are left out, as the product's JSON does.</remarks>
public sealed class CollectionEventDataJsonConverter : JsonConverter<CollectionEventData>
{
    public override CollectionEventData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Payload>(ref reader, options)?.ToData();

    public override void Write(Utf8JsonWriter writer, CollectionEventData value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, Payload.Of(value), options);

    /// <summary>The wire shape, property for property in the order the decimal record wrote them.</summary>
    private sealed record Payload(
        string InvoiceId,
        string Number,
        string AccountId,
        string Currency,
        decimal BalanceDue,
        decimal? Amount = null,
        int? Attempt = null,
        Instant? At = null,
        string? Detail = null,
        string? PaymentId = null,
        string? ActionUrl = null)
    {
        public static Payload Of(CollectionEventData data) => new(
            data.InvoiceId, data.Number, data.AccountId, data.Currency, data.BalanceDue.Amount, data.Amount?.Amount,
            data.Attempt, data.At, data.Detail, data.PaymentId, data.ActionUrl);

        public CollectionEventData ToData() => new(
            InvoiceId, Number, AccountId, Currency, new Money(BalanceDue, Currency), Amount is { } amount ? new Money(amount, Currency) : null,
            Attempt, At, Detail, PaymentId, ActionUrl);
    }
}
