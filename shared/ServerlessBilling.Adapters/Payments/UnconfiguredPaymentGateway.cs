namespace ServerlessBilling.Payments.Gateways;

/// <summary>Stands in when no gateway is configured: invoices sent for payment and offline payments still work, and a charge says what is missing.</summary>
public sealed class UnconfiguredPaymentGateway : IPaymentGateway
{
    private const string Missing = "No payment gateway is configured: set Stripe:SecretKey.";

    public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Missing);

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Missing);

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Missing);
}
