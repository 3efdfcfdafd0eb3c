using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>What the collection orchestration decides from: a snapshot of the receivable, the account and its policy.</summary>
/// <remarks>It travels through durable history, serialized without NodaTime's converters; <see cref="DueAt"/> keeps the name and
/// date-time text it was stored with before it became an instant, so collections in flight replay it.</remarks>
/// <param name="CanCharge">The account is charged automatically and has a payment method on file.</param>
/// <param name="PaymentMethodId">The method on file; a different one after a wake-up means the customer updated it.</param>
/// <param name="NextAttempt">The number the next charge attempt takes (attempts already recorded + 1).</param>
/// <param name="DueAt">When the invoice becomes overdue.</param>
public sealed record CollectionState(
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
    /// <summary>Nothing is owed any more (paid, or credited), as opposed to settled by a write-off.</summary>
    public bool Paid => Settled && BalanceDue <= 0m;
}
