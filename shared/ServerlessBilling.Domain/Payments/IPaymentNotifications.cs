namespace ServerlessBilling.Payments;

/// <summary>Where verified gateway notifications go: applied to the invoice they concern, whose collection is then woken
/// (<see cref="PaymentRecording"/>). Tests register their own to observe what a webhook delivered.</summary>
public interface IPaymentNotifications
{
    /// <param name="collections">The host's running collections, woken or restarted after the notification is applied.</param>
    Task DeliverAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken);
}
