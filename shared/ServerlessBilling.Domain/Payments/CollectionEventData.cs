using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>The payload every collection event carries: the invoice, what is still owed, and what happened.</summary>
/// <param name="Currency">The invoice's currency: <paramref name="BalanceDue"/> and <paramref name="Amount"/> are in it.</param>
/// <param name="Amount">The amount the event is about (a payment, a fee), when there is one.</param>
/// <param name="At">A moment the event announces (the next retry), when there is one.</param>
/// <remarks>An amount in another currency throws when the payload is made. On the wire (<see cref="CollectionEventDataJsonConverter"/>)
/// the currency is written once and the amounts as bare numbers, as they were when they were decimals.</remarks>
[JsonConverter(typeof(CollectionEventDataJsonConverter))]
public sealed record CollectionEventData(
    string InvoiceId,
    string Number,
    string AccountId,
    string Currency,
    Money BalanceDue,
    Money? Amount = null,
    int? Attempt = null,
    Instant? At = null,
    string? Detail = null,
    string? PaymentId = null,
    string? ActionUrl = null)
{
    private readonly Money balanceDue = InCurrency(BalanceDue, Currency);
    private readonly Money? amount = Amount is { } given ? InCurrency(given, Currency) : null;

    /// <summary>What is still owed, in <see cref="Currency"/>.</summary>
    public Money BalanceDue
    {
        get => balanceDue;
        init => balanceDue = InCurrency(value, Currency);
    }

    /// <summary>The amount the event is about, in <see cref="Currency"/> (checked here too, so <c>with</c> cannot mix one in).</summary>
    public Money? Amount
    {
        get => amount;
        init => amount = value is { } given ? InCurrency(given, Currency) : null;
    }

    public static CollectionEventData Of(Receivable receivable) =>
        new(receivable.InvoiceId, receivable.Number, receivable.AccountId, receivable.Currency, receivable.BalanceDue);

    private static Money InCurrency(Money money, string currency) =>
        money.Currency == currency ? money : throw new InvalidOperationException($"An event about an invoice in {currency} cannot carry {money}.");
}
