using ServerlessBilling.Usage;

namespace ServerlessBilling.Payments;

/// <summary>A payment received outside the gateway as a client states it (<c>{"key":"chq-1042","amount":120.50,"method":"cheque"}</c>):
/// the amount is a bare number in the invoice's currency, which the client may name to have a payment in another one refused.</summary>
/// <param name="Key">The caller's idempotency key: recording the same key twice records one payment.</param>
/// <param name="Method">How it was paid: cheque, wire, cash, ...</param>
/// <param name="Currency">The currency the client means; left out, the invoice's.</param>
public sealed record OfflinePaymentRequest(string Key, decimal Amount, string Method, string? Reference = null, string? Currency = null)
{
    /// <summary>The payment in <paramref name="invoiceCurrency"/>; invalid, naming the field, for another currency or an amount that
    /// is not positive in whole minor units of it.</summary>
    public Outcome<OfflinePayment> In(string invoiceCurrency, string refused)
    {
        if (Currency is { } stated && !string.Equals(stated, invoiceCurrency, StringComparison.Ordinal))
        {
            return Problem.Invalid(refused, new RecordProblem("currency", $"currency: {stated} is not the invoice's currency ({invoiceCurrency})."));
        }

        if (Amount <= 0m || Rounding.Round(Amount, CurrencyInfo.MinorUnits(invoiceCurrency), RoundingMode.HalfUp) != Amount)
        {
            return Problem.Invalid(refused, new RecordProblem("amount", $"amount: {Amount} must be positive and in whole {invoiceCurrency} minor units."));
        }

        return new OfflinePayment(Key, new Money(Amount, invoiceCurrency), Method, Reference);
    }
}
