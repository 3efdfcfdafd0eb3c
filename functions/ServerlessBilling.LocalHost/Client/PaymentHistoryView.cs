using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.LocalHost.Client;

/// <summary>An invoice's payment history as the API returns it: amounts as bare numbers in the invoice's currency.</summary>
public sealed record PaymentHistoryView(
    string Status, decimal Total, decimal Paid, decimal BalanceDue, decimal Pending, Instant DueAt,
    IReadOnlyList<PaymentEntryDocument> Entries, IReadOnlyList<AssessedFeeDocument> LateFees);
