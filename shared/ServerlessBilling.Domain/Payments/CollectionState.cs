using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>What the collection orchestration decides from: a snapshot of the receivable, the account and its policy.</summary>
/// <remarks>It travels through durable history, serialized without NodaTime's converters, and keeps the shape it was stored with
/// before its times were instants and its amounts <see cref="Money"/> (<see cref="CollectionStateJsonConverter"/>), so collections in
/// flight replay it.</remarks>
/// <param name="CanCharge">The account is charged automatically and has a payment method on file.</param>
/// <param name="PaymentMethodId">The method on file; a different one after a wake-up means the customer updated it.</param>
/// <param name="NextAttempt">The number the next charge attempt takes (attempts already recorded + 1).</param>
/// <param name="DueAt">When the invoice becomes overdue.</param>
/// <param name="BalanceDue">What is still owed, in <paramref name="Currency"/>.</param>
/// <param name="Pending">Charges accepted but not yet settled, in <paramref name="Currency"/>.</param>
[JsonConverter(typeof(CollectionStateJsonConverter))]
public sealed record CollectionState(
    string InvoiceId,
    string AccountId,
    string Currency,
    Money BalanceDue,
    Money Pending,
    bool Settled,
    bool CanCharge,
    string? PaymentMethodId,
    int NextAttempt,
    Instant DueAt,
    bool Suspended,
    DunningPolicy Policy,
    bool ChargeAutomatically = true,
    int LateFeesAssessed = 0)
{
    /// <summary>Nothing is owed any more (paid, or credited), as opposed to settled by a write-off.</summary>
    public bool Paid => Settled && BalanceDue.Amount <= 0m;
}
