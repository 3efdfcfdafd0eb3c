using Stripe;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Payments;

public enum StripeWebhookStatus
{
    Delivered,
    Ignored,
    Unauthorized,
    Invalid,
}

/// <param name="Problem">What is malformed, for <see cref="StripeWebhookStatus.Invalid"/>.</param>
public sealed record StripeWebhookOutcome(StripeWebhookStatus Status, string? EventId = null, string? EventType = null, RecordProblem? Problem = null);

/// <summary>Receives one Stripe webhook delivery: verify its signature and age, turn the event into a <see cref="PaymentNotification"/>, deliver it.</summary>
/// <remarks>
/// The signature is checked over the raw body with the endpoint secret and <see cref="WebhookTolerance"/> before anything
/// is parsed; a forged or stale delivery reaches nothing. Event types we do not act on are acknowledged and ignored, so
/// Stripe stops redelivering them. Stripe delivers at least once and in any order: the receiver dedupes on
/// <see cref="PaymentNotification.EventId"/>. A failure to deliver throws, the route answers 500 and Stripe retries.
/// </remarks>
public sealed class StripeWebhook(StripeOptions options, WebhookTolerance tolerance, TimeProvider clock)
{
    /// <summary>Stripe's events are small, but a charge with its refunds listed can pass the usage webhooks' 64 KiB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public const string SignatureHeader = "Stripe-Signature";

    /// <param name="notifications">Where the notification goes: the invoice's collection, which needs the durable client the function is given.</param>
    public async Task<StripeWebhookOutcome> ReceiveAsync(string body, string? signature, IPaymentNotifications notifications, CancellationToken cancellationToken)
    {
        if (!Verifies(body, signature))
        {
            return new StripeWebhookOutcome(StripeWebhookStatus.Unauthorized);
        }

        Event stripeEvent;
        try
        {
            // The endpoint may be pinned to another API version; the few fields read here are stable across them.
            // A parse is pure: a value of the wrong JSON type surfaces as InvalidOperationException.
            stripeEvent = EventUtility.ParseEvent(body, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or StripeException or InvalidOperationException)
        {
            return new StripeWebhookOutcome(StripeWebhookStatus.Invalid, Problem: new RecordProblem("$", e.Message));
        }

        if (stripeEvent.Id is not { Length: > 0 } || stripeEvent.Type is not { Length: > 0 })
        {
            return new StripeWebhookOutcome(StripeWebhookStatus.Invalid, Problem: new RecordProblem("id", "an event id and type are required"));
        }

        PaymentNotification? notification;
        try
        {
            notification = StripeEventMapping.ToNotification(stripeEvent);
        }
        catch (StripeEventException e)
        {
            return new StripeWebhookOutcome(StripeWebhookStatus.Invalid, stripeEvent.Id, stripeEvent.Type, e.Problem);
        }

        if (notification is null)
        {
            return new StripeWebhookOutcome(StripeWebhookStatus.Ignored, stripeEvent.Id, stripeEvent.Type);
        }

        await notifications.DeliverAsync(notification, cancellationToken);
        return new StripeWebhookOutcome(StripeWebhookStatus.Delivered, stripeEvent.Id, stripeEvent.Type);
    }

    private bool Verifies(string body, string? signature)
    {
        if (string.IsNullOrEmpty(options.WebhookSecret) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        try
        {
            EventUtility.ValidateSignature(
                body, signature, options.WebhookSecret, (long)tolerance.MaxSkew.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }
}
