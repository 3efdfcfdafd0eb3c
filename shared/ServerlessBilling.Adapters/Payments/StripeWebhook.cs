using System.Text;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;
using Stripe;

namespace ServerlessBilling.Payments;

/// <summary>Stripe's payment webhook: a delivery signed with the endpoint secret, whose event becomes a <see cref="PaymentNotification"/>.</summary>
/// <remarks>
/// The signature (<c>Stripe-Signature</c>, with its <c>t=</c> timestamp) is checked over the raw body with the endpoint secret
/// and <see cref="WebhookTolerance"/> by Stripe's own library before anything is parsed. Event types we do not act on read
/// as events without a notification. <see cref="PaymentWebhookIntake{TSource}"/> does the rest.
/// </remarks>
public sealed class StripeWebhook(StripeOptions options, WebhookTolerance tolerance, TimeProvider clock) : IPaymentWebhookSource
{
    /// <summary>Stripe's events are small, but a charge with its refunds listed can pass the usage webhooks' 64 KiB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public const string SignatureHeader = "Stripe-Signature";

    public string Name => "Stripe";

    int IPaymentWebhookSource.MaxBodyBytes => MaxBodyBytes;

    public WebhookVerification Verify(WebhookDelivery delivery) =>
        Verifies(Encoding.UTF8.GetString(delivery.Body.Span), delivery.Header(SignatureHeader))
        && WebhookSignatures.EpochSeconds(WebhookSignatures.Pairs(delivery.Header(SignatureHeader)).GetValueOrDefault("t")) is { } signedAt
            ? WebhookVerification.SignedAtTime(signedAt)
            : WebhookVerification.Forged;

    public Task<Outcome<PaymentWebhookEvent>> ReadAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(Read(Encoding.UTF8.GetString(delivery.Body.Span)));

    private static Outcome<PaymentWebhookEvent> Read(string body)
    {
        Event stripeEvent;
        try
        {
            // The endpoint may be pinned to another API version; the few fields read here are stable across them.
            // A parse is pure: a value of the wrong JSON type surfaces as InvalidOperationException.
            stripeEvent = EventUtility.ParseEvent(body, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or StripeException or InvalidOperationException)
        {
            return Malformed(null, new RecordProblem("$", e.Message));
        }

        if (stripeEvent.Id is not { Length: > 0 } || stripeEvent.Type is not { Length: > 0 })
        {
            return Malformed(null, new RecordProblem("id", "an event id and type are required"));
        }

        try
        {
            return new PaymentWebhookEvent(stripeEvent.Id, stripeEvent.Type, StripeEventMapping.ToNotification(stripeEvent), StripeEventMapping.ToChosenMethod(stripeEvent));
        }
        catch (StripeEventException e)
        {
            return Malformed(stripeEvent.Id, e.Problem);
        }
    }

    private static Problem Malformed(string? eventId, RecordProblem problem) => Problem.Invalid($"The Stripe event {eventId} is malformed", problem);

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
