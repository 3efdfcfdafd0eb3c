using System.Collections.Concurrent;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Keeps every notification the app delivers, in order, for tests to assert what reached the collections.</summary>
public sealed class RecordingPaymentNotifications : IPaymentNotifications
{
    private readonly ConcurrentQueue<PaymentNotification> delivered = new();

    public IReadOnlyList<PaymentNotification> Delivered => [.. delivered];

    public IReadOnlyList<PaymentNotification> For(string paymentId) => [.. delivered.Where(n => n.PaymentId == paymentId)];

    public Task<Outcome<Receivable?>> DeliverAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        delivered.Enqueue(notification);
        return Task.FromResult(Outcome<Receivable?>.Success(null));
    }

    public Task<Outcome<Accounts.Account?>> DeliverMethodAsync(ChosenPaymentMethod method, ICollectionOrchestrations collections, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome<Accounts.Account?>.Success(null));
}
