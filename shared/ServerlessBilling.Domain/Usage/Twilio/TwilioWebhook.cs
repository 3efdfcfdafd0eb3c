using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage.Twilio;

/// <summary>Twilio voice status callbacks: a form body signed with <c>X-Twilio-Signature</c> over the public URL and the form fields.</summary>
/// <remarks>Twilio's signature carries no timestamp, so replays cannot be bounded by time; the stable event id bills a replayed call once.</remarks>
public sealed class TwilioWebhook(TwilioWebhookOptions options) : IWebhookSource
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public string Name => TwilioStatusCallback.Source;

    public string ContentType => "application/x-www-form-urlencoded";

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        var url = new Uri(options.PublicBaseUrl, delivery.PathAndQuery);
        return TwilioSignature.IsValid(options.AuthToken, url, FormFields.Parse(delivery.Body.Span), delivery.Header(SignatureHeader))
            ? WebhookVerification.WithoutTimestamp
            : WebhookVerification.Forged;
    }

    public WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region)
    {
        var fields = FormFields.Parse(delivery.Body.Span)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var reference = $"{fields.GetValueOrDefault("CallSid", "unknown")}-{fields.GetValueOrDefault("SequenceNumber", fields.GetValueOrDefault("CallStatus", "x"))}";
        var parsed = TwilioStatusCallback.Parse(fields, region);
        return parsed.Match(
            usage => usage is null ? WebhookContent.NotBillable(reference) : WebhookContent.Usage(reference, usage),
            problem => WebhookContent.Invalid(problem.Fields[0], reference));
    }
}
