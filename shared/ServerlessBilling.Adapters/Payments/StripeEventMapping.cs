using NodaTime;
using ServerlessBilling.Usage;
using Stripe;

namespace ServerlessBilling.Payments;

/// <summary>Which Stripe events mean what for a collection, in gateway-neutral <see cref="PaymentNotification"/> terms.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>payment_intent.succeeded</c>: Succeeded (a card capture, or an ACH debit that cleared).</item>
/// <item><c>payment_intent.payment_failed</c>: Failed, with the decline code (or the ACH failure code) and its class.</item>
/// <item><c>charge.refunded</c>: Reversed by the amount this refund added (each partial refund is its own event).</item>
/// <item><c>charge.dispute.created</c>: Reversed by the disputed amount. Card chargebacks and unauthorized ACH debits
/// arrive this way, and so do ACH returns: when the bank returns a debit after its PaymentIntent succeeded, Stripe opens
/// a dispute with reason <c>insufficient_funds</c>, <c>incorrect_account_details</c> or <c>bank_cannot_process</c>. A
/// debit that fails before it succeeded is a <c>payment_intent.payment_failed</c>; <c>charge.failed</c> adds nothing to it.</item>
/// <item><c>checkout.session.completed</c> of a paid Checkout page in payment mode: Succeeded, under its PaymentIntent.</item>
/// <item><c>setup_intent.succeeded</c> of a Checkout page in setup mode: not a payment but the account's new method (<see cref="ToChosenMethod"/>).</item>
/// </list>
/// Charges and disputes name their PaymentIntent, which is the payment id; our metadata is read from the object (or its
/// expanded PaymentIntent) where Stripe carries it, otherwise the receiver finds the invoice by the payment id.
/// </remarks>
public static class StripeEventMapping
{
    /// <returns>The notification, or null for an event type that concerns no collection.</returns>
    public static PaymentNotification? ToNotification(Event stripeEvent)
    {
        var at = Instant.FromDateTimeUtc(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        return (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            ("payment_intent.succeeded", PaymentIntent intent) => FromIntent(stripeEvent.Id, PaymentNotificationKind.Succeeded, intent, at) with
            {
                Amount = MoneyOf(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, intent.Currency),
            },
            ("payment_intent.payment_failed", PaymentIntent intent) => Failed(stripeEvent.Id, intent, at),
            ("charge.refunded", Charge charge) => Refunded(stripeEvent.Id, charge, RefundedNow(stripeEvent, charge), at),
            ("charge.dispute.created", Dispute dispute) => FromDispute(stripeEvent.Id, dispute, at),
            ("checkout.session.completed", Stripe.Checkout.Session session) => FromCheckout(stripeEvent.Id, session, at),
            ("payment_intent.succeeded" or "payment_intent.payment_failed" or "charge.refunded" or "charge.dispute.created", _) =>
                throw new StripeEventException(new RecordProblem("data.object", $"a {stripeEvent.Type} event must carry its object")),
            _ => null,
        };
    }

    /// <summary>A payment method saved on a Checkout page in setup mode: <c>setup_intent.succeeded</c> with the account in its metadata.</summary>
    /// <returns>The method, or null for any other event (and for a SetupIntent that is not the portal's: no account in its metadata).</returns>
    public static ChosenPaymentMethod? ToChosenMethod(Event stripeEvent)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Type != "setup_intent.succeeded" || stripeEvent.Data?.Object is not SetupIntent intent
            || Meta(intent.Metadata, StripeMetadata.AccountId) is not { } accountId)
        {
            return null;
        }

        return intent.PaymentMethodId is { Length: > 0 } methodId
            ? new ChosenPaymentMethod(stripeEvent.Id, accountId, methodId, PaymentGatewayNames.Stripe,
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)))
            : throw new StripeEventException(new RecordProblem("data.object.payment_method", "a succeeded SetupIntent names its payment method"));
    }

    /// <summary>A Checkout page in payment mode that was paid: the payment of the invoice its metadata names, under its
    /// PaymentIntent's id, so the <c>payment_intent.succeeded</c> beside it records the same payment once. A session still
    /// unpaid (a bank debit that settles later) or in setup mode says nothing here.</summary>
    private static PaymentNotification? FromCheckout(string eventId, Stripe.Checkout.Session session, Instant at)
    {
        if (session.Mode != "payment" || session.PaymentStatus != "paid" || Meta(session.Metadata, StripeMetadata.InvoiceId) is not { } invoiceId)
        {
            return null;
        }

        return new PaymentNotification(
            eventId, PaymentNotificationKind.Succeeded, PaymentIdOf(session.PaymentIntentId, "data.object.payment_intent"),
            MoneyOf(session.AmountTotal ?? 0, session.Currency), at, invoiceId);
    }

    private static PaymentNotification FromIntent(string eventId, PaymentNotificationKind kind, PaymentIntent intent, Instant at) =>
        new(eventId, kind, intent.Id, MoneyOf(intent.Amount, intent.Currency), at,
            Meta(intent.Metadata, StripeMetadata.InvoiceId), Meta(intent.Metadata, StripeMetadata.CollectionId));

    private static PaymentNotification Failed(string eventId, PaymentIntent intent, Instant at)
    {
        var error = intent.LastPaymentError;
        var code = error?.DeclineCode ?? error?.Code;
        return FromIntent(eventId, PaymentNotificationKind.Failed, intent, at) with
        {
            DeclineCode = code,
            Decline = DeclineCodes.Classify(code, error?.AdviceCode),
            Reason = error?.Message,
        };
    }

    private static PaymentNotification Refunded(string eventId, Charge charge, long amount, Instant at)
    {
        var metadata = charge.PaymentIntent?.Metadata ?? charge.Metadata;
        return new PaymentNotification(
            eventId, PaymentNotificationKind.Reversed, PaymentIdOf(charge.PaymentIntentId, "data.object.payment_intent"),
            MoneyOf(amount, charge.Currency), at,
            Meta(metadata, StripeMetadata.InvoiceId), Meta(metadata, StripeMetadata.CollectionId), Reason: "refund");
    }

    private static PaymentNotification FromDispute(string eventId, Dispute dispute, Instant at)
    {
        var metadata = dispute.PaymentIntent?.Metadata ?? dispute.Charge?.Metadata;
        return new PaymentNotification(
            eventId, PaymentNotificationKind.Reversed, PaymentIdOf(dispute.PaymentIntentId, "data.object.payment_intent"),
            MoneyOf(dispute.Amount, dispute.Currency), at,
            Meta(metadata, StripeMetadata.InvoiceId), Meta(metadata, StripeMetadata.CollectionId), Reason: $"dispute:{dispute.Reason}");
    }

    /// <summary><c>amount_refunded</c> is the running total; the event's previous attributes say what it was before this refund.</summary>
    private static long RefundedNow(Event stripeEvent, Charge charge)
    {
        var before = (stripeEvent.Data.PreviousAttributes as Newtonsoft.Json.Linq.JObject)?["amount_refunded"];
        return before is { Type: Newtonsoft.Json.Linq.JTokenType.Integer } ? charge.AmountRefunded - (long)before : charge.AmountRefunded;
    }

    private static string PaymentIdOf(string? paymentIntentId, string field) =>
        paymentIntentId is { Length: > 0 } id ? id : throw new StripeEventException(new RecordProblem(field, "the payment it concerns is required"));

    private static Money MoneyOf(long minorUnits, string? currency)
    {
        var code = currency?.ToUpperInvariant() ?? "";
        return CurrencyInfo.IsKnown(code)
            ? new Money(minorUnits / CurrencyInfo.MinorUnitFactor(code), code)
            : throw new StripeEventException(new RecordProblem("data.object.currency", $"'{currency}' is not a currency we bill in"));
    }

    private static string? Meta(Dictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
