using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Payments;

/// <summary>One payment gateway's webhook: how its deliveries are authenticated and what they mean.
/// <see cref="PaymentWebhookIntake{TSource}"/> does the rest, as <see cref="WebhookIntake{TSource}"/> does for usage.</summary>
/// <remarks><see cref="Verify"/> is pure; <see cref="ReadAsync"/> may ask the gateway about the transaction an event names.</remarks>
public interface IPaymentWebhookSource
{
    /// <summary>The gateway's name as people read it (<c>Stripe</c>), used in problem titles.</summary>
    string Name { get; }

    /// <summary>Larger bodies are refused with 413 before anything else happens.</summary>
    int MaxBodyBytes => WebhookLimits.DefaultMaxBodyBytes;

    /// <summary>The title a delivery that fails <see cref="Verify"/> is refused with.</summary>
    string Unverified => $"The {Name} signature does not verify or its timestamp is outside the accepted window";

    /// <summary>Checks the signature over the exact bytes received; the timestamp it covers is checked by the intake.</summary>
    WebhookVerification Verify(WebhookDelivery delivery);

    /// <summary>What a verified delivery says: a notification, an event we do not act on, or why it is malformed.</summary>
    Task<Outcome<PaymentWebhookEvent>> ReadAsync(WebhookDelivery delivery, CancellationToken cancellationToken);
}
