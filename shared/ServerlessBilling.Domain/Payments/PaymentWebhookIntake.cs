using NodaTime;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Payments;

/// <summary>Receives one payment gateway's webhook: verify the signature and its timestamp, read the event, deliver the notification.</summary>
/// <remarks>
/// A forged or stale delivery reaches nothing. Event types we do not act on are acknowledged, so the gateway stops
/// redelivering them. Gateways deliver at least once and in any order: <see cref="IPaymentNotifications"/> applies each
/// event id once. A failure to deliver throws, the route answers 500 and the gateway retries; a notification refused as a
/// value (a payment in another currency than its invoice's) is answered with that problem and nothing is applied.
/// </remarks>
public sealed class PaymentWebhookIntake<TSource>(TSource source, WebhookTolerance tolerance, IPaymentNotifications notifications, TimeProvider clock)
    where TSource : IPaymentWebhookSource
{
    public TSource Source => source;

    /// <param name="collections">The host's running collections, woken once the notification is applied.</param>
    public async Task<Outcome<PaymentWebhookReceipt>> ReceiveAsync(
        WebhookDelivery delivery, ICollectionOrchestrations collections, CancellationToken cancellationToken)
    {
        var verification = source.Verify(delivery);
        if (!verification.IsAuthentic || IsStale(verification.SignedAt))
        {
            return Problem.Unauthorized(source.Unverified);
        }

        var read = await source.ReadAsync(delivery, cancellationToken);
        if (!read.TryGetValue(out var received))
        {
            return read.Problem!;
        }

        if (received.Method is { } method)
        {
            var chosen = await notifications.DeliverMethodAsync(method, collections, cancellationToken);
            return chosen.Succeeded
                ? new PaymentWebhookReceipt(PaymentWebhookStatus.Delivered, received.EventId, received.EventType)
                : chosen.Problem;
        }

        if (received.Notification is null)
        {
            return new PaymentWebhookReceipt(PaymentWebhookStatus.Ignored, received.EventId, received.EventType);
        }

        var delivered = await notifications.DeliverAsync(received.Notification, collections, cancellationToken);
        if (!delivered.Succeeded)
        {
            return delivered.Problem;
        }

        return new PaymentWebhookReceipt(PaymentWebhookStatus.Delivered, received.EventId, received.EventType);
    }

    private bool IsStale(Instant? signedAt)
    {
        if (signedAt is not { } at)
        {
            return false;
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        return Duration.Max(at - now, now - at) > tolerance.MaxSkew;
    }
}
