namespace ServerlessBilling.Payments;

/// <summary>A payment processor (Stripe first; any other implements the same calls). Declines are results, not exceptions;
/// an exception means the outcome is unknown (network, 5xx) and the caller retries with the same idempotency key.</summary>
public interface IPaymentGateway
{
    /// <summary>The gateway's customer for the account, created on first use (idempotent by account id).</summary>
    Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken);

    /// <summary>Attaches a payment method (tokenized by the gateway's own front end) to the customer and makes it the default.</summary>
    Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken);

    /// <summary>One off-session charge of the customer's default payment method.</summary>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);
}

/// <summary>One attempt to collect <paramref name="Amount"/> for an invoice.</summary>
/// <param name="Attempt">1 for the first attempt; each dunning retry is a new attempt with a new key, while a retried
/// activity of the same attempt reuses the key, so the gateway charges once per attempt whatever crashes happen.</param>
/// <param name="PaymentMethodId">The method to charge: the account's default on file.</param>
/// <param name="CollectionId">The orchestration collecting the invoice, kept in the gateway's metadata so its webhooks find it.</param>
public sealed record ChargeRequest(
    string InvoiceId,
    string AccountId,
    string CustomerId,
    string PaymentMethodId,
    Money Amount,
    int Attempt,
    string CollectionId)
{
    public string IdempotencyKey => $"invoice-{InvoiceId}-attempt-{Attempt}";
}

public sealed record PaymentMethodOnFile(string PaymentMethodId, PaymentMethodKind Kind, string? Label);

public enum PaymentMethodKind
{
    Card,
    UsBankAccount,
    Other,
}

public enum ChargeStatus
{
    Succeeded,

    /// <summary>Accepted but not settled (ACH debits settle days later); the outcome arrives as a notification.</summary>
    Processing,

    /// <summary>The customer must act on-session (authentication); no off-session retry can succeed.</summary>
    RequiresAction,
    Declined,
}

/// <summary>Whether a declined payment may be retried later with the same payment method.</summary>
public enum DeclineKind
{
    RetryLater,

    /// <summary>Lost or stolen card, fraud, closed or invalid account: ask for a new payment method, never retry it.</summary>
    DoNotRetry,
}

/// <param name="PaymentId">The gateway's id of the attempt (Stripe's PaymentIntent id).</param>
/// <param name="ActionUrl">Where the customer completes a <see cref="ChargeStatus.RequiresAction"/> payment, if the gateway gives one.</param>
public sealed record ChargeResult(
    ChargeStatus Status,
    string? PaymentId,
    Money Amount,
    string? DeclineCode = null,
    DeclineKind? Decline = null,
    string? Message = null,
    string? ActionUrl = null);
