using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net's payment webhook: a delivery signed with <c>X-ANET-Signature</c>, whose event becomes a <see cref="PaymentNotification"/>;
/// <see cref="PaymentWebhookIntake{TSource}"/> does the rest.</summary>
/// <remarks>
/// <para>The signature is <c>sha512=</c> and the (upper-case) hex HMAC-SHA512 of the raw body, keyed with the Signature Key's
/// text as Authorize.Net shows it (for webhooks the 128 hex characters themselves are the key, not the bytes they spell);
/// it is compared in constant time before anything is parsed. Deliveries carry no timestamp, so a replay is caught by the notification id
/// (the receiver applies each once).</para>
/// <para>Events: <c>fraud.approved</c> settles a transaction held for review; <c>fraud.declined</c> fails it (do not retry);
/// <c>refund.created</c> and <c>void.created</c> reverse the original transaction, found through the transaction details
/// (a refund is its own transaction whose <c>refTransId</c> is the charge). <c>authcapture.created</c> and
/// <c>authorization.created</c> matter only for a transaction made on Accept Hosted (read through its details by
/// <see cref="AuthorizeNetHostedResults"/>): a payment of the invoice it names, or the payment profile it saved as the account's
/// method. For our own charges they are acknowledged and ignored: the charge already recorded its answer, and for an eCheck the
/// event means accepted, not settled. Other types are ignored too, so Authorize.Net stops redelivering them.</para>
/// </remarks>
public sealed class AuthorizeNetWebhook(AuthorizeNetClient client) : IPaymentWebhookSource
{
    public const int MaxBodyBytes = 64 * 1024;

    public const string SignatureHeader = "X-ANET-Signature";

    private const string HostedAuthCapture = "net.authorize.payment.authcapture.created";

    private const string HostedAuthorization = "net.authorize.payment.authorization.created";

    public string Name => "Authorize.Net";

    int IPaymentWebhookSource.MaxBodyBytes => MaxBodyBytes;

    public string Unverified => "The X-ANET-Signature does not verify with the Signature Key";

    /// <summary>Deliveries carry no timestamp: a replay is caught by the notification id, which is applied once.</summary>
    public WebhookVerification Verify(WebhookDelivery delivery) =>
        Verifies(Encoding.UTF8.GetString(delivery.Body.Span), delivery.Header(SignatureHeader)) ? WebhookVerification.WithoutTimestamp : WebhookVerification.Forged;

    public async Task<Outcome<PaymentWebhookEvent>> ReadAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(delivery.Body.Span);
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            return Malformed(null, new RecordProblem("$", e.Message));
        }

        var eventId = AuthorizeNetResponse.Text(root?["notificationId"]);
        var type = AuthorizeNetResponse.Text(root?["eventType"]);
        if (eventId is not { Length: > 0 } || type is not { Length: > 0 })
        {
            return Malformed(null, new RecordProblem("notificationId", "a notification id and event type are required"));
        }

        var transId = AuthorizeNetResponse.Text(root!["payload"]?["id"]);
        var at = DateTimeOffset.TryParse(AuthorizeNetResponse.Text(root["eventDate"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Instant.FromDateTimeOffset(date)
            : (Instant?)null;
        var amount = decimal.TryParse(AuthorizeNetResponse.Text(root["payload"]?["authAmount"]), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null;
        var kind = type switch
        {
            "net.authorize.payment.fraud.approved" => PaymentNotificationKind.Succeeded,
            "net.authorize.payment.fraud.declined" => PaymentNotificationKind.Failed,
            "net.authorize.payment.refund.created" or "net.authorize.payment.void.created" => PaymentNotificationKind.Reversed,
            _ => (PaymentNotificationKind?)null,
        };
        if (kind is null && type is HostedAuthCapture or HostedAuthorization && transId is { Length: > 0 } && at is not null)
        {
            var details = (await client.SendAsync("getTransactionDetailsRequest", new JsonObject { ["transId"] = transId }, cancellationToken))
                .EnsureOk($"transaction {transId}")["transaction"];
            return AuthorizeNetHostedResults.Read(eventId, type, details, at.Value, client.Options.Currency) ?? new PaymentWebhookEvent(eventId, type, null);
        }

        if (kind is null)
        {
            return new PaymentWebhookEvent(eventId, type, null);
        }

        if (transId is not { Length: > 0 } || at is null || amount is null)
        {
            return Malformed(eventId, new RecordProblem("payload", "a payment event needs eventDate, payload.id and payload.authAmount"));
        }

        var notification = new PaymentNotification(eventId, kind.Value, transId, new Money(amount.Value, client.Options.Currency), at.Value);
        notification = kind switch
        {
            PaymentNotificationKind.Failed => notification with { DeclineCode = "fraudulent", Decline = DeclineKind.DoNotRetry, Reason = "declined after fraud review" },
            PaymentNotificationKind.Reversed => notification with
            {
                PaymentId = await ChargeOfAsync(transId, cancellationToken),
                Reason = type.EndsWith("void.created", StringComparison.Ordinal) ? "void" : "refund",
            },
            _ => notification,
        };
        return new PaymentWebhookEvent(eventId, type, notification);
    }

    private static Problem Malformed(string? eventId, RecordProblem problem) =>
        Problem.Invalid($"The Authorize.Net notification {eventId} is malformed", problem);

    /// <summary>The charge a refund or void concerns: the refund's <c>refTransId</c>, or the voided transaction itself.</summary>
    private async Task<string> ChargeOfAsync(string transId, CancellationToken cancellationToken)
    {
        var details = (await client.SendAsync("getTransactionDetailsRequest", new JsonObject { ["transId"] = transId }, cancellationToken))
            .EnsureOk($"transaction {transId}")["transaction"];
        return AuthorizeNetResponse.Text(details?["refTransId"]) is { Length: > 0 } original && original != "0" ? original : transId;
    }

    private bool Verifies(string body, string? signature)
    {
        const string Prefix = "sha512=";
        if (string.IsNullOrEmpty(client.Options.SignatureKey) || signature is null
            || !signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || signature.Length != Prefix.Length + 128)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(client.Options.SignatureKey), Encoding.UTF8.GetBytes(body));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
