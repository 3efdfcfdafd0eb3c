namespace ServerlessBilling.Usage.Twilio;

/// <summary>Settings for Twilio webhooks.</summary>
/// <param name="AuthToken">The Twilio account's auth token (a secret; from Key Vault in Azure).</param>
/// <param name="PublicBaseUrl">The base URL Twilio calls (e.g. https://billing.example.com); signatures cover it, and a gateway changes host and port.</param>
public sealed record TwilioWebhookOptions(string AuthToken, Uri PublicBaseUrl);

/// <summary>One Twilio delivery as received: the path and query it was sent to, its form fields, its signature and its raw body.</summary>
public sealed record TwilioDelivery(string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Form, string? Signature, ReadOnlyMemory<byte> RawBody);

/// <summary>Receives a Twilio voice status callback: verify, archive the raw payload, queue the call for rating.</summary>
/// <remarks>Parsing is cheap and done here so a malformed payload gets its 400 at once; rating happens in the queue.</remarks>
public sealed class TwilioWebhookIntake(TwilioWebhookOptions options, IRawArchive archive, IRatingQueue ratingQueue)
{
    public async Task<WebhookOutcome> ReceiveAsync(TwilioDelivery delivery, CancellationToken cancellationToken)
    {
        var url = new Uri(options.PublicBaseUrl, delivery.PathAndQuery);
        if (!TwilioSignature.IsValid(options.AuthToken, url, delivery.Form, delivery.Signature))
        {
            return WebhookOutcome.Unauthorized;
        }

        var fields = delivery.Form.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var parsed = TwilioStatusCallback.Parse(fields);
        var name = $"{fields.GetValueOrDefault("CallSid", "unknown")}-{fields.GetValueOrDefault("SequenceNumber", fields.GetValueOrDefault("CallStatus", "x"))}.form";
        var archivedAs = await archive.ArchiveAsync(TwilioStatusCallback.Source, name, delivery.RawBody, "application/x-www-form-urlencoded", cancellationToken);

        if (parsed.Problem is not null)
        {
            return new WebhookOutcome(WebhookStatus.Invalid, parsed.Problem, archivedAs);
        }

        if (parsed.Event is null)
        {
            return new WebhookOutcome(WebhookStatus.Ignored, ArchivedAs: archivedAs);
        }

        await ratingQueue.EnqueueAsync([parsed.Event], cancellationToken);
        return new WebhookOutcome(WebhookStatus.Accepted, ArchivedAs: archivedAs);
    }
}
