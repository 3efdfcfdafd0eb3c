using System.Text.Json.Serialization;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>An invoice's payment history as the API shows it.</summary>
/// <param name="Total">What the invoice asks for; with the other totals, in the invoice's currency.</param>
/// <remarks>On the wire the totals are bare numbers in the invoice's currency, as they were when they were decimals: each
/// <see cref="Money"/> is written through the number beside it, in the order the decimal record wrote them.</remarks>
public sealed record PaymentHistory(
    [property: JsonPropertyOrder(0)] string Status,
    [property: JsonIgnore] Money Total,
    [property: JsonIgnore] Money Paid,
    [property: JsonIgnore] Money BalanceDue,
    [property: JsonIgnore] Money Pending,
    [property: JsonPropertyOrder(5)] Instant DueAt,
    [property: JsonPropertyOrder(6)] IReadOnlyList<PaymentEntryDocument> Entries,
    [property: JsonPropertyOrder(7)] IReadOnlyList<AssessedFeeDocument> LateFees)
{
    [JsonPropertyName("total"), JsonPropertyOrder(1)]
    public decimal TotalAmount => Total.Amount;

    [JsonPropertyName("paid"), JsonPropertyOrder(2)]
    public decimal PaidAmount => Paid.Amount;

    [JsonPropertyName("balanceDue"), JsonPropertyOrder(3)]
    public decimal BalanceDueAmount => BalanceDue.Amount;

    [JsonPropertyName("pending"), JsonPropertyOrder(4)]
    public decimal PendingAmount => Pending.Amount;

    public static PaymentHistory Of(Receivable receivable)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        return new(
            receivable.Status.ToString(), receivable.Total, receivable.Paid, receivable.BalanceDue, receivable.Pending, receivable.DueAt,
            [.. receivable.Entries.Select(PaymentEntryDocument.Of)], [.. receivable.Fees.Select(AssessedFeeDocument.Of)]);
    }
}
