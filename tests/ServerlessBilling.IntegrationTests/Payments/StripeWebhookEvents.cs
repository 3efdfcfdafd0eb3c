using System.Text;
using System.Text.Json.Nodes;
using Stripe;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>Stripe-shaped webhook events about a PaymentIntent the test server created, signed with the test's own endpoint secret.</summary>
/// <example>
/// <code>
/// var json = StripeWebhookEvents.PaymentIntentSucceeded(stripe.PaymentIntent(result.PaymentId!));
/// using var post = StripeWebhookEvents.SignedPost(json, webhookSecret);
/// await http.SendAsync(post);
/// </code>
/// </example>
public static class StripeWebhookEvents
{
    public const string Route = "api/webhooks/stripe";

    public static string PaymentIntentSucceeded(StripeTestPaymentIntent intent) =>
        Event("payment_intent.succeeded", StripeTestServer.IntentJson(intent, "succeeded"));

    /// <param name="code">Stripe's error code: <c>card_declined</c>, or for a failed ACH debit e.g. <c>insufficient_funds</c>, <c>account_closed</c>.</param>
    public static string PaymentIntentFailed(StripeTestPaymentIntent intent, string code, string? declineCode = null, string? adviceCode = null) =>
        Event("payment_intent.payment_failed", StripeTestServer.IntentJson(intent, "requires_payment_method", lastPaymentError: new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["advice_code"] = adviceCode,
            ["message"] = $"The payment failed ({declineCode ?? code}).",
        }));

    /// <param name="refundedBefore">What earlier refunds of the charge already returned, in minor units.</param>
    public static string ChargeRefunded(StripeTestPaymentIntent intent, long refunded, long refundedBefore = 0) =>
        Event("charge.refunded", Charge(intent, "succeeded", "card"), new JsonObject { ["amount_refunded"] = refundedBefore }, refundedBefore + refunded);

    public static string DisputeCreated(StripeTestPaymentIntent intent, long amount, string reason = "fraudulent") =>
        Event("charge.dispute.created", new JsonObject
        {
            ["id"] = $"dp_{Guid.NewGuid():N}",
            ["object"] = "dispute",
            ["amount"] = amount,
            ["currency"] = intent.Currency,
            ["charge"] = $"ch_for_{intent.Id}",
            ["payment_intent"] = intent.Id,
            ["reason"] = reason,
            ["status"] = "needs_response",
        });

    /// <summary>An ACH debit the bank returned after it succeeded: Stripe opens a dispute for it (reason <c>insufficient_funds</c>,
    /// <c>incorrect_account_details</c> or <c>bank_cannot_process</c>).</summary>
    public static string AchReturned(StripeTestPaymentIntent intent, string reason = "insufficient_funds") =>
        DisputeCreated(intent, intent.Amount, reason);

    /// <summary>The charge of a payment that failed (sent beside <c>payment_intent.payment_failed</c>).</summary>
    public static string ChargeFailed(StripeTestPaymentIntent intent, string failureCode = "insufficient_funds", string methodType = "us_bank_account")
    {
        var charge = Charge(intent, "failed", methodType);
        charge["failure_code"] = failureCode;
        charge["failure_message"] = $"The payment failed ({failureCode}).";
        return Event("charge.failed", charge);
    }

    /// <summary>A Checkout session that completed (<see cref="StripeTestServer"/> builds the session's JSON).</summary>
    public static string CheckoutSessionCompleted(JsonObject session) => Event("checkout.session.completed", session);

    /// <summary>A SetupIntent that saved <paramref name="paymentMethodId"/>, as a Checkout page in setup mode sends it.</summary>
    /// <param name="created">When Stripe created the event; now when null.</param>
    public static string SetupIntentSucceeded(
        string setupIntentId, string customerId, string paymentMethodId, IReadOnlyDictionary<string, string> metadata, DateTimeOffset? created = null) =>
        Event("setup_intent.succeeded", new JsonObject
        {
            ["id"] = setupIntentId,
            ["object"] = "setup_intent",
            ["customer"] = customerId,
            ["payment_method"] = paymentMethodId,
            ["status"] = "succeeded",
            ["usage"] = "off_session",
            ["metadata"] = StripeTestServer.ToJson(metadata),
        }, created: created);

    /// <summary>An event of a type the app does not act on, e.g. <c>customer.created</c>.</summary>
    public static string Other(string type) => Event(type, new JsonObject { ["id"] = $"cus_{Guid.NewGuid():N}", ["object"] = "customer" });

    /// <summary>The <c>Stripe-Signature</c> header Stripe would send: <c>t=...,v1=...</c>, HMAC-SHA256 with the endpoint secret.</summary>
    public static string Signature(string payload, string secret, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(payload, secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    /// <summary>A POST of the event to the app's Stripe route, signed now (or at <paramref name="at"/>).</summary>
    public static HttpRequestMessage SignedPost(string payload, string secret, DateTimeOffset? at = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Signature(payload, secret, at));
        return request;
    }

    private static JsonObject Charge(StripeTestPaymentIntent intent, string status, string methodType) => new()
    {
        ["id"] = $"ch_for_{intent.Id}",
        ["object"] = "charge",
        ["amount"] = intent.Amount,
        ["amount_refunded"] = 0,
        ["currency"] = intent.Currency,
        ["customer"] = intent.CustomerId,
        ["payment_intent"] = intent.Id,
        ["payment_method"] = intent.PaymentMethodId,
        ["payment_method_details"] = new JsonObject { ["type"] = methodType },
        ["status"] = status,
        ["metadata"] = new JsonObject(),
    };

    private static string Event(string type, JsonObject charge, JsonObject previous, long amountRefunded)
    {
        charge["amount_refunded"] = amountRefunded;
        charge["refunded"] = amountRefunded == charge["amount"]!.GetValue<long>();
        return Event(type, charge, previous);
    }

    private static string Event(string type, JsonObject dataObject, JsonObject? previousAttributes = null, DateTimeOffset? created = null)
    {
        var data = new JsonObject { ["object"] = dataObject };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }

        return StripeTestServer.Serialize(new JsonObject
        {
            ["id"] = $"evt_{Guid.NewGuid():N}",
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = data,
        });
    }
}
