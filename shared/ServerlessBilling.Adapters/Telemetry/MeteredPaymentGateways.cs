using ServerlessBilling.Payments;

namespace ServerlessBilling.Telemetry;

/// <summary>Counts every charge attempt by gateway, outcome and decline class; a gateway that throws counts as <c>error</c>.</summary>
internal sealed class MeteredPaymentGateways(IPaymentGateways inner, BillingMetrics metrics) : IPaymentGateways
{
    public string DefaultName => inner.DefaultName;

    public IPaymentGateway For(string name) => new Metered(name.ToLowerInvariant(), inner.For(name), metrics);

    public Outcome<IPaymentGateway> TryFor(string name)
    {
        var found = inner.TryFor(name);
        return found.TryGetValue(out var gateway) ? Outcome<IPaymentGateway>.Success(new Metered(name.ToLowerInvariant(), gateway, metrics)) : found;
    }

    private sealed class Metered(string name, IPaymentGateway gateway, BillingMetrics metrics) : IPaymentGateway
    {
        public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) =>
            gateway.EnsureCustomerAsync(accountId, accountName, cancellationToken);

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
            gateway.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
            gateway.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, attempt, cancellationToken);

        public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            try
            {
                var result = await gateway.ChargeAsync(request, cancellationToken);
                metrics.Charged(name, result);
                return result;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.Charged(name, null);
                throw;
            }
        }
    }
}
