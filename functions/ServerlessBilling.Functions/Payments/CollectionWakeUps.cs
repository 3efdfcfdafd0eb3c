using Microsoft.DurableTask.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Functions.Payments;

/// <summary>Applies a verified gateway notification to the invoice it concerns and wakes (or restarts) that invoice's collection.</summary>
public sealed class CollectionWakeUps(PaymentRecording recording, DurableTaskClient client) : IPaymentNotifications
{
    public async Task DeliverAsync(PaymentNotification notification, CancellationToken cancellationToken)
    {
        if (await recording.ApplyAsync(notification, cancellationToken) is { } receivable)
        {
            var reversal = notification.Kind == PaymentNotificationKind.Reversed ? notification.EventId : null;
            await new DurableCollections(client).WakeAsync(receivable, reversal, cancellationToken);
        }
    }
}
