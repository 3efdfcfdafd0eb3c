using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>An <see cref="AssessedFee"/> as JSON carries it, in a stored receivable and in the API's payment history: the amount
/// a bare number in the invoice's currency.</summary>
public sealed record AssessedFeeDocument(string Id, decimal Amount, Instant At)
{
    public static AssessedFeeDocument Of(AssessedFee fee)
    {
        ArgumentNullException.ThrowIfNull(fee);
        return new(fee.Id, fee.Amount.Amount, fee.At);
    }

    /// <summary>The fee, its amount in <paramref name="currency"/> (the invoice's).</summary>
    public AssessedFee ToFee(string currency) => new(Id, new Money(Amount, currency), At);
}
