namespace ServerlessBilling.Payments;

/// <summary>A payment processor (Stripe first; any other implements the same calls). Declines are results, not exceptions;
/// an exception means the outcome is unknown (network, 5xx) and the caller retries with the same idempotency key.</summary>
public interface IPaymentGateway
{
    /// <summary>The gateway's customer for the account, created on first use (idempotent by account id).</summary>
    Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken);

    /// <summary>Attaches a payment method (tokenized by the gateway's own front end) to the customer and makes it the default.</summary>
    Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken);

    /// <summary>The same, as one attempt among several: <paramref name="attempt"/> (a migration's import id) is part of the idempotency keys,
    /// so a gateway that stores its answers under those keys (Stripe, even a refusal) is asked again by the next attempt.</summary>
    /// <remarks>Not a default method on purpose: a wrapper that forgot to pass <paramref name="attempt"/> on would silently send the
    /// unscoped keys. A gateway without idempotency keys (Authorize.Net) has nothing to scope and calls the other overload.</remarks>
    Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken);

    /// <summary>One off-session charge of the customer's default payment method.</summary>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);
}
