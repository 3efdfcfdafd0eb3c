using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>An invoice's payment history as the API shows it.</summary>
public sealed record PaymentHistory(string Status, decimal Total, decimal Paid, decimal BalanceDue, decimal Pending, Instant DueAt, IReadOnlyList<PaymentEntry> Entries, IReadOnlyList<AssessedFee> LateFees)
{
    public static PaymentHistory Of(Receivable receivable) => new(
        receivable.Status.ToString(), receivable.Total, receivable.Paid, receivable.BalanceDue, receivable.Pending, receivable.DueAt, receivable.Entries, receivable.Fees);
}
