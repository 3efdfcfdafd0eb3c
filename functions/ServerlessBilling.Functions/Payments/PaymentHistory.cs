using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>An invoice's payment history as the API shows it: amounts as bare numbers in the invoice's currency.</summary>
public sealed record PaymentHistory(
    string Status, decimal Total, decimal Paid, decimal BalanceDue, decimal Pending, Instant DueAt,
    IReadOnlyList<PaymentEntryDocument> Entries, IReadOnlyList<AssessedFeeDocument> LateFees)
{
    public static PaymentHistory Of(Receivable receivable) => new(
        receivable.Status.ToString(), receivable.Total.Amount, receivable.Paid.Amount, receivable.BalanceDue.Amount, receivable.Pending.Amount, receivable.DueAt,
        [.. receivable.Entries.Select(PaymentEntryDocument.Of)], [.. receivable.Fees.Select(AssessedFeeDocument.Of)]);
}
