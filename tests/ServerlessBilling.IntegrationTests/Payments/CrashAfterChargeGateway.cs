using System.Collections.Concurrent;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Passes charges to the real gateway; for a targeted account it loses the first answer after Stripe has taken the
/// charge, as a worker crashing between the gateway's reply and our write would.</summary>
public sealed class CrashAfterChargeGateway(IPaymentGateway inner, CrashAfterChargeGateway.Targets targets) : IPaymentGateway
{
    public Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken) =>
        inner.EnsureCustomerAsync(accountId, accountName, cancellationToken);

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        inner.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
        inner.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, attempt, cancellationToken);

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var result = await inner.ChargeAsync(request, cancellationToken);
        return targets.TakeOnce(request.AccountId)
            ? throw new IOException($"The connection dropped after the gateway accepted {request.IdempotencyKey}.")
            : result;
    }

    public sealed class Targets
    {
        private readonly ConcurrentDictionary<string, bool> pending = new(StringComparer.Ordinal);

        public void Add(string accountId) => pending[accountId] = true;

        public bool TakeOnce(string accountId) => pending.TryRemove(accountId, out _);
    }
}
