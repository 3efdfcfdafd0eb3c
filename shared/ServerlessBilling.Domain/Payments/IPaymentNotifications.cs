namespace ServerlessBilling.Payments;

/// <summary>Where verified gateway notifications go: applied to the invoice they concern, whose collection is then woken
/// (<see cref="PaymentRecording"/>). Tests register their own to observe what a webhook delivered.</summary>
public interface IPaymentNotifications
{
    /// <param name="collections">The host's running collections, woken or restarted after the notification is applied.</param>
    /// <returns>The receivable the notification changed, or null when the payment is not one of ours; a problem when it was
    /// refused (a payment in another currency than its invoice's), which the webhook answers with.</returns>
    Task<Outcome<Receivable?>> DeliverAsync(PaymentNotification notification, ICollectionOrchestrations collections, CancellationToken cancellationToken);

    /// <summary>Makes a method the customer saved on the gateway's hosted page the account's default; open invoices are then charged to it.</summary>
    /// <returns>The updated account, or null when the account is not one of ours.</returns>
    Task<Outcome<Accounts.Account?>> DeliverMethodAsync(ChosenPaymentMethod method, ICollectionOrchestrations collections, CancellationToken cancellationToken);
}
