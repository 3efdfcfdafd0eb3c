using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Writes a <see cref="CollectionState"/> as durable history held it when its amounts were bare decimals
/// (<c>{"InvoiceId":…,"Currency":"USD","BalanceDue":10.50,"Pending":0,…,"DueAtUtc":"2026-07-01T00:00:00Z",…,"Paid":false}</c>), and reads it back.</summary>
/// <remarks>The wire record below is the state as it was, attribute for attribute, so every serializer that carries a collection
/// (the durable engine's default, the worker's, the product's) writes the same text it wrote before; amounts keep their scale.</remarks>
public sealed class CollectionStateJsonConverter : JsonConverter<CollectionState>
{
    public override CollectionState? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Wire>(ref reader, options)?.ToState();

    public override void Write(Utf8JsonWriter writer, CollectionState value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, Wire.Of(value), options);

    /// <summary>The stored shape, property for property in the order the decimal record wrote them.</summary>
    private sealed record Wire(
        string InvoiceId,
        string AccountId,
        string Currency,
        decimal BalanceDue,
        decimal Pending,
        bool Settled,
        bool CanCharge,
        string? PaymentMethodId,
        int NextAttempt,
        [property: JsonPropertyName("DueAtUtc"), JsonConverter(typeof(UtcDateTimeInstantConverter))] Instant DueAt,
        bool Suspended,
        DunningPolicy Policy,
        bool ChargeAutomatically = true,
        int LateFeesAssessed = 0)
    {
        /// <summary>Written for readers of the history, ignored when read (the state computes it).</summary>
        public bool Paid => Settled && BalanceDue <= 0m;

        public static Wire Of(CollectionState state) => new(
            state.InvoiceId, state.AccountId, state.Currency, state.BalanceDue.Amount, state.Pending.Amount, state.Settled, state.CanCharge,
            state.PaymentMethodId, state.NextAttempt, state.DueAt, state.Suspended, state.Policy, state.ChargeAutomatically, state.LateFeesAssessed);

        public CollectionState ToState() => new(
            InvoiceId, AccountId, Currency, new Money(BalanceDue, Currency), new Money(Pending, Currency), Settled, CanCharge,
            PaymentMethodId, NextAttempt, DueAt, Suspended, Policy, ChargeAutomatically, LateFeesAssessed);
    }
}
