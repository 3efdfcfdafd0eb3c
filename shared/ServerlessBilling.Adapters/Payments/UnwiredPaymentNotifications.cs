namespace ServerlessBilling.Payments;

/// <summary>Stands in while no collection receives payment notifications: it refuses them, so none is lost.</summary>
/// <remarks>The webhook route then answers 500 and Stripe redelivers the event (for up to three days) until a real
/// <see cref="IPaymentNotifications"/> is registered; <see cref="BillingServices"/> adds this one only when none is.</remarks>
public sealed class UnwiredPaymentNotifications : IPaymentNotifications
{
    public Task DeliverAsync(PaymentNotification notification, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"No collection receives payment notifications yet; Stripe will redeliver event {notification.EventId}.");
}
